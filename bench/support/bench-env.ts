import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { askWorker, enableCapture } from '../../e2e/support/extension-control';
import { waitRecording } from '../../e2e/support/grid-page';
import { EXTENSION_ID, launchWithExtension, type ExtensionBrowser } from '../../e2e/support/launch-extension';
import { spawnServer, type ServerProcess } from '../../e2e/support/server-process';
import { RECORDER_SCRIPT_FILE, RECORDER_SCRIPT_ID } from '../../lib/platform/content-script-sync';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { startPageServer, type PageServer } from './page-server';
import { openWorkerHeap, type WorkerHeap } from './worker-heap';

/**
 * Everything the workloads share: the real ingestion server (its heap
 * sampled), a counting proxy in front of it, the generated pages on three
 * sites, and Chromium with the built extension, consented and recording on
 * the webtrace site only when the bench injects the recorder.
 *
 * Sites: WEBTRACE_HOST gets webtrace; PLAIN_HOST and THIRD_HOST never do.
 */
export const WEBTRACE_HOST = '127.0.0.1';
export const PLAIN_HOST = 'localhost';
export const THIRD_HOST = '127.0.0.2';

export interface BenchEnv {
  ext: ExtensionBrowser;
  server: ServerProcess & { readToken: string; ingestToken: string };
  proxy: CountingProxy;
  pages: PageServer;
  workerHeap: WorkerHeap;
  pageUrl(host: string, nodes: number): string;
  /** Injects webtrace's recorder into the tab showing `page`, as turning its site on does for open tabs. */
  injectRecorder(page: Page): Promise<void>;
  /** Resolves once webtrace recorded the page's first full snapshot and the worker stored it. */
  waitRecorded(page: Page): Promise<string>;
  /** Uploads until the worker's queue is empty (between measurements, so uploads never overlap one). */
  drainUploads(): Promise<void>;
  /** Chunks in the worker's queue. */
  queuedChunks(): Promise<number>;
  read<T>(pathname: string): Promise<T>;
  serverHeapMB(): Promise<number>;
  close(): Promise<void>;
}

const PRELOAD = fileURLToPath(new URL('./server-heap-preload.mjs', import.meta.url));

export async function startBenchEnv(): Promise<BenchEnv> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-bench-data-'));
  const heapFile = path.join(dataDir, '..', `${path.basename(dataDir)}-heap.json`);
  const tokens = { ingestToken: `ingest-${crypto.randomUUID()}`, readToken: `read-${crypto.randomUUID()}` };
  const serverProcess = await spawnServer({
    dataDir,
    ...tokens,
    nodeArgs: ['--expose-gc', '--import', PRELOAD],
    env: { WEBTRACE_BENCH_HEAP_FILE: heapFile },
  });
  const server = Object.assign(serverProcess, tokens);
  const proxy = await startCountingProxy(server.url);
  const pages = await startPageServer([WEBTRACE_HOST, THIRD_HOST]);
  const ext = await launchWithExtension();
  await enableCapture(ext, { origin: pages.origin(WEBTRACE_HOST), endpoint: proxy.url, ingestToken: tokens.ingestToken });
  // The bench starts the recorder itself (injectRecorder), after the page has loaded, so every variant's
  // measurement starts at the same point: the registration that would inject it at load goes.
  const unregister = () =>
    ext.worker.evaluate((id) => chrome.scripting.unregisterContentScripts({ ids: [id] }).catch(() => {}), RECORDER_SCRIPT_ID);
  await unregister();
  const workerHeap = await openWorkerHeap(ext.context, EXTENSION_ID);

  const read = async <T>(pathname: string): Promise<T> => {
    const res = await fetch(`${server.url}${pathname}`, { headers: { Authorization: `Bearer ${tokens.readToken}` } });
    if (!res.ok) throw new Error(`GET ${pathname} -> ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const queuedChunks = () =>
    ext.worker.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('webtrace');
          open.onupgradeneeded = () => open.transaction?.abort(); // never create it here
          open.onerror = () => resolve(0);
          open.onsuccess = () => {
            const db = open.result;
            try {
              const count = db.transaction('chunks').objectStore('chunks').count();
              count.onsuccess = () => resolve(count.result);
              count.onerror = () => resolve(0);
            } catch {
              resolve(0);
            }
            db.close();
          };
        }),
    );

  return {
    ext,
    server,
    proxy,
    pages,
    workerHeap,
    pageUrl: (host, nodes) => `${pages.origin(host)}/page.html?nodes=${nodes}`,
    async injectRecorder(page) {
      const registered = await ext.worker.evaluate((id) => chrome.scripting.getRegisteredContentScripts({ ids: [id] }), RECORDER_SCRIPT_ID);
      if (registered.length) {
        await unregister();
        throw new Error('the recorder was registered again (it would have run at load): measurement void');
      }
      const injected = await ext.worker.evaluate(
        async ({ url, file }) => {
          const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
          if (tab?.id === undefined) return false;
          await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: [file] });
          return true;
        },
        { url: page.url(), file: RECORDER_SCRIPT_FILE },
      );
      if (!injected) throw new Error(`no tab shows ${page.url()}`);
    },
    queuedChunks,
    async drainUploads() {
      for (const deadline = Date.now() + 180_000; Date.now() < deadline;) {
        if ((await queuedChunks()) === 0) return;
        await askWorker(ext, { kind: 'upload-now' });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`the worker's queue never drained (${await queuedChunks()} chunks left)`);
    },
    // A 130k-node page's snapshot can take a quarter of a minute before the fixes.
    waitRecorded: (page) => waitRecording(ext, page, 0, read, 180_000),
    read,
    async serverHeapMB() {
      const { heapUsed } = JSON.parse(await readFile(heapFile, 'utf8')) as { heapUsed: number };
      return heapUsed / 1e6;
    },
    async close() {
      await workerHeap.close().catch(() => {});
      await ext.close().catch(() => {});
      await pages.close().catch(() => {});
      await proxy.close().catch(() => {});
      await server.kill('SIGTERM').catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
      await rm(heapFile, { force: true });
    },
  };
}
