import type { ConfigOverride } from '../../lib/schema/config';
import { LOCAL_CONFIG_KEY } from '../../lib/schema/storage-keys';
import type { ExtensionBrowser } from './launch-extension';

/**
 * Adds keys to the local configuration override without touching the rest of
 * it (enableCapture's endpoint and token stay), as a developer would for
 * masking settings such as blockSelector and maskTextSelector.
 */
export async function mergeLocalConfig(browser: ExtensionBrowser, extra: ConfigOverride): Promise<void> {
  await browser.worker.evaluate(
    async ([key, value]) => {
      const current = ((await chrome.storage.local.get(key))[key] ?? {}) as Record<string, unknown>;
      await chrome.storage.local.set({ [key]: { ...current, ...value } });
    },
    [LOCAL_CONFIG_KEY, extra] as const,
  );
}

/** Everything in the extension's chrome.storage (local and session), as JSON text. */
export async function dumpExtensionStorage(browser: ExtensionBrowser): Promise<string> {
  return browser.worker.evaluate(async () =>
    JSON.stringify({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }),
  );
}
