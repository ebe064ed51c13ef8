import type { Config } from '../../schema/config';

/** What the consent page says the data is for when the organisation set no purpose (entrypoints/consent/index.html). */
export const DEFAULT_PURPOSE = 'To train and evaluate AI agents that operate web applications.';

/** The purposes shown on the consent page: the organisation's statement, else the default. */
export function consentPurposes(config: Pick<Config, 'purposeStatement'>): string[] {
  return [config.purposeStatement ?? DEFAULT_PURPOSE];
}

/**
 * The canonical consent text whose sha256 goes on a receipt: the version, the organisation's
 * notice and the purpose statement, as the consent page shows them, one per line. The page's
 * fixed explanation is covered by the version (it changes only with a new version).
 */
export function canonicalConsentText(
  config: Pick<Config, 'consentVersion' | 'organizationNotice' | 'purposeStatement'> & Partial<Pick<Config, 'screenshots'>>,
): string {
  const lines = [
    `webtrace consent text version ${config.consentVersion}`,
    `organisation notice: ${config.organizationNotice ?? ''}`,
    `purpose: ${consentPurposes(config).join(' ')}`,
  ];
  // Screenshots are said on the consent page (entrypoints/consent), so they are part of what was agreed to.
  if (config.screenshots) lines.push(`screenshots: ${config.screenshots.sites.join(' ')}`);
  return lines.join('\n');
}
