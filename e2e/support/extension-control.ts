import type { Page } from 'playwright';
import type { ConfigOverride } from '../../lib/schema/config';
import type { ExtensionBrowser } from './launch-extension';
import { askFrom } from './worker-control';
import { LOCAL_CONFIG_KEY } from '../../lib/schema/storage-keys';
import { CONSENT_VERSION } from '../../lib/rules/config/consent-version';

/** Points the extension at the test's server (the local configuration a developer would set). */
export async function configureExtension(browser: ExtensionBrowser, override: ConfigOverride): Promise<void> {
  await browser.worker.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [LOCAL_CONFIG_KEY, override] as const);
}

/** Asks the worker to upload now, as the popup's "Upload now" button does (run on an extension page). */
export async function requestUpload(extensionPage: Page): Promise<{ ok: boolean; detail: string }> {
  return askFrom(extensionPage, { kind: 'upload-now' });
}

/** Sends a request to the worker from a fresh extension page (askFrom). */
export async function askWorker(browser: ExtensionBrowser, request: unknown): Promise<unknown> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('popup.html'));
    return await askFrom(page, request);
  } finally {
    await page.close();
  }
}

/**
 * Everything a test needs before recording `origin`: the extension pointed at the test's server,
 * consent given, and recording turned on for the site. Tests call this rather than poking storage
 * themselves, so consent and per-site rules change in one place.
 */
export async function enableCapture(
  browser: ExtensionBrowser,
  opts: { origin: string; endpoint: string; ingestToken: string; upload?: ConfigOverride['upload'] },
): Promise<void> {
  await configureExtension(browser, { endpoint: opts.endpoint, ingestToken: opts.ingestToken, upload: opts.upload });
  const consent = await askWorker(browser, { kind: 'give-consent', version: CONSENT_VERSION });
  const site = await askWorker(browser, { kind: 'set-site', origin: opts.origin, on: true });
  if (!(consent as { ok?: boolean }).ok || !(site as { ok?: boolean }).ok) {
    throw new Error(`could not enable capture: ${JSON.stringify({ consent, site })}`);
  }
}
