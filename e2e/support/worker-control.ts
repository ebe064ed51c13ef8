import type { CDPSession, Page } from 'playwright';
import type { QueueStats } from '../../lib/schema/queue-stats';
import type { ExtensionBrowser } from './launch-extension';
import { enableServiceWorkers, stopWorkers } from './stop-service-worker';

/** An extension page kept open to ask the worker things and to stop it. */
export interface Control {
  page: Page;
  ask<T>(request: unknown): Promise<T>;
  /** ServiceWorker.stopAllWorkers, as Chrome does when the worker is idle. */
  stopWorker(): Promise<void>;
  readonly stops: number;
  /** When each stop was asked for (Date.now()). */
  readonly stopTimes: readonly number[];
  queue(): Promise<QueueStats>;
}

/** Sends a request to the worker from an extension page, as the popup and the other pages do. */
export function askFrom<T>(extensionPage: Page, request: unknown): Promise<T> {
  return extensionPage.evaluate((r) => chrome.runtime.sendMessage(r), request) as Promise<T>;
}

export async function openControl(ext: ExtensionBrowser): Promise<Control> {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('popup.html'));
  const cdp: CDPSession = await ext.context.newCDPSession(page);
  await enableServiceWorkers(cdp);
  let stops = 0;
  const stopTimes: number[] = [];
  const ask = <T>(request: unknown) => askFrom<T>(page, request);
  return {
    page,
    ask,
    async stopWorker() {
      stops += 1;
      stopTimes.push(Date.now());
      await stopWorkers(cdp);
    },
    get stops() {
      return stops;
    },
    stopTimes,
    queue: async () => (await ask<{ queue: QueueStats }>({ kind: 'get-status', url: null })).queue,
  };
}

/**
 * The extension service worker's JS heap in use (CDP Runtime.getHeapUsage on its target, reached
 * through a page's session: Playwright opens CDP sessions on pages only). Null when it is not running.
 */
export async function workerHeapUsed(page: Page): Promise<number | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!sw) return null;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    // The target also sends events (Inspector.workerScriptLoaded…): wait for the answer to our id.
    const answer = new Promise<{ result?: { usedSize: number } }>((resolve) =>
      cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
        const message = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
        if (message.id === 1) resolve(message);
      }),
    );
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    const usage = await answer;
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    return usage.result?.usedSize ?? null;
  } finally {
    await cdp.detach();
  }
}
