import { build, type PlistValue } from 'plist';
import type { ReleaseInput } from '../../../lib/schema/release-input';
import type { BrowserPolicyPlace } from './browsers';
import { forcelistEntry } from './browsers';
import { stableUuid } from './stable-uuid';

/**
 * macOS: a configuration profile (.mobileconfig) for one browser, complete
 * with its wrapper (PayloadType Configuration, system scope): one payload for
 * the browser's domain with the force-install entry, one for the
 * extension's own domain with its managed settings.
 */
export function renderMobileconfig(input: ReleaseInput, place: BrowserPolicyPlace & { macDomain: string }): string {
  const { extensionId: id, organization: org } = input;
  const base = `${org.profileIdentifier}.webtrace.${place.id}`;
  const payload = (suffix: string, type: string, displayName: string, content: Record<string, unknown>) => ({
    PayloadType: type,
    PayloadVersion: 1,
    PayloadIdentifier: `${base}.${suffix}`,
    PayloadUUID: stableUuid(`${base}.${suffix}`),
    PayloadDisplayName: displayName,
    PayloadEnabled: true,
    ...content,
  });
  const profile = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: base,
    PayloadUUID: stableUuid(base),
    PayloadDisplayName: `webtrace for ${place.name}`,
    PayloadDescription: `Installs webtrace in ${place.name} and sets ${org.name}'s recording policy.`,
    PayloadOrganization: org.name,
    PayloadScope: 'System',
    PayloadRemovalDisallowed: true,
    PayloadContent: [
      payload('forcelist', place.macDomain, `${place.name}: install webtrace`, {
        ExtensionInstallForcelist: [forcelistEntry(id, input.updateUrl)],
      }),
      payload('policy', `${place.macDomain}.extensions.${id}`, `${place.name}: webtrace settings`, input.policy),
    ],
  };
  return build(profile as unknown as PlistValue);
}
