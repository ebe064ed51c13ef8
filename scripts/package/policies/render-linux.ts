import type { ReleaseInput } from '../../../lib/schema/release-input';
import { forcelistEntry } from './browsers';

/**
 * Linux: one JSON file for the browser's managed policy directory, with the
 * force-install entry and the extension's managed settings. Chrome, Chromium
 * and Edge read the same shape from their own directories.
 */
export function renderLinuxPolicy(input: ReleaseInput): string {
  const body = {
    ExtensionInstallForcelist: [forcelistEntry(input.extensionId, input.updateUrl)],
    '3rdparty': { extensions: { [input.extensionId]: input.policy } },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
