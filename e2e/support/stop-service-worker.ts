import type { BrowserContext, CDPSession } from 'playwright';

/**
 * Stops the extension's service worker the way Chrome does when it is idle
 * (~10 ms). While Playwright is attached Chrome never stops it by itself, so
 * tests that need a restart do it here. The next message or alarm restarts it.
 * `cdp` must have ServiceWorker enabled (enableServiceWorkers).
 */
export async function stopWorkers(cdp: CDPSession): Promise<void> {
  await cdp.send('ServiceWorker.stopAllWorkers');
}

export async function enableServiceWorkers(cdp: CDPSession): Promise<void> {
  await cdp.send('ServiceWorker.enable');
}

/** The same from any page of the context, with a CDP session of its own. */
export async function stopServiceWorkers(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    await enableServiceWorkers(cdp);
    await stopWorkers(cdp);
  } finally {
    await cdp.detach();
  }
}
