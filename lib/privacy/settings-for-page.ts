import { matchesAny } from '../config/match-pattern';
import type { Config } from '../schema/config';
import type { PrivacyPolicy } from './policy';

/**
 * The optional PrivacyPolicy keys for one page, from the configuration's
 * `privacy`: the value-capture rules whose sites match the URL, joined into
 * one selector. For the worker to send along with the recorder settings.
 */
export function privacySettingsForPage(
  config: Pick<Config, 'privacy'>,
  url: string,
): Required<Pick<PrivacyPolicy, 'valueCaptureSelector' | 'keepControlNames'>> {
  const selectors = config.privacy.captureValues.filter((rule) => matchesAny(url, rule.sites)).map((rule) => rule.selector);
  return {
    valueCaptureSelector: selectors.length ? selectors.join(', ') : null,
    keepControlNames: config.privacy.keepControlNames,
  };
}
