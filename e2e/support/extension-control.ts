import type { Page } from 'playwright';
import type { ConfigOverride } from '../../lib/schema/config';
import type { ExtensionBrowser } from './launch-extension';
import { LOCAL_CONFIG_KEY } from '../../lib/config/load-config';

/** Points the extension at the test's server (the local configuration a developer would set). */
export async function configureExtension(browser: ExtensionBrowser, override: ConfigOverride): Promise<void> {
  await browser.worker.evaluate(
    ([key, value]) => chrome.storage.local.set({ [key]: value }),
    [LOCAL_CONFIG_KEY, override] as const,
  );
}

/** Asks the worker to upload now, as the popup's "Upload now" button does (run on an extension page). */
export async function requestUpload(extensionPage: Page): Promise<{ ok: boolean; detail: string }> {
  return extensionPage.evaluate(() => chrome.runtime.sendMessage({ kind: 'upload-now' }));
}

/**
 * Everything a test needs before recording `origin`: the extension pointed at the test's server,
 * and whatever the person must have agreed to and switched on for that site. Tests call this
 * rather than poking storage themselves, so consent and per-site rules change in one place.
 */
export async function enableCapture(
  browser: ExtensionBrowser,
  opts: { origin: string; endpoint: string; ingestToken: string; upload?: ConfigOverride['upload'] },
): Promise<void> {
  await configureExtension(browser, { endpoint: opts.endpoint, ingestToken: opts.ingestToken, upload: opts.upload });
}
