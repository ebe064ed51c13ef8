import type { BrowserContext, CDPSession } from 'playwright';

/**
 * The extension service worker's JS heap. Playwright opens CDP sessions on
 * pages only, so this attaches to the worker's target from a page's session
 * and talks to it through Target.sendMessageToTarget.
 */
export interface WorkerHeap {
  /** Used heap in MB after a full collection. */
  read(): Promise<number>;
  close(): Promise<void>;
}

export async function openWorkerHeap(context: BrowserContext, extensionId: string): Promise<WorkerHeap> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  let nextId = 1;
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const message = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  let sessionId: string | null = null;
  const attach = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find(
      (t: { type: string; url: string }) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    if (!sw) throw new Error('no extension service worker target');
    sessionId = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })).sessionId as string;
  };
  const call = async (method: string): Promise<unknown> => {
    if (!sessionId) await attach();
    const id = nextId++;
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve, reject) => {
      pending.set(id, resolve);
      setTimeout(() => reject(new Error(`service worker did not answer ${method}`)), 10_000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId: sessionId!, message: JSON.stringify({ id, method }) });
    const message = await answer.finally(() => pending.delete(id));
    if (message.error) throw new Error(`${method}: ${message.error.message}`);
    return message.result;
  };
  return {
    async read() {
      try {
        await call('HeapProfiler.collectGarbage');
      } catch {
        sessionId = null; // the worker restarted: attach to the new one
        await call('HeapProfiler.collectGarbage');
      }
      const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize / 1e6;
    },
    async close() {
      await cdp.detach().catch(() => {});
      await page.close().catch(() => {});
    },
  };
}
