import type { BrowserContext } from 'playwright';

/**
 * Stops the extension's service worker the way Chrome does when it is idle
 * (~10 ms). While Playwright is attached Chrome never stops it by itself, so
 * tests that need a restart do it here. The next message or alarm restarts it.
 */
export async function stopServiceWorkers(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
}
