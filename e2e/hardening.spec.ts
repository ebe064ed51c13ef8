import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import type { Batch } from '../lib/schema/batch';
import type { QueueStats } from '../lib/schema/queue-stats';
import type { SessionCompleteness, SessionSummary } from '../lib/schema/read-api';
import { enrolInstall } from './support/enrolled-install';
import { askWorker, enableCapture, requestUpload } from './support/extension-control';
import { waitRecording } from './support/grid-page';
import { waitSessionComplete } from './support/wait-session-complete';
import type { ExtensionBrowser } from './support/launch-extension';
import { serveExternalHost, serveHardeningPages, type Served } from './support/serve-hardening-pages';
import { openViewer, replayFrame, signIn, waitUntilLoaded } from './support/viewer-page';

/**
 * The probe suite's extension side (issue 11): what hostile pages, endpoints
 * and other installs broke, through the built extension in Chromium against
 * the real server. Server-only probes are in test/server/.
 */
let pages: Served | null = null;
let external: Awaited<ReturnType<typeof serveExternalHost>> | null = null;
test.afterEach(async () => {
  await pages?.close();
  await external?.close();
  pages = external = null;
});

const queueOf = async (ext: ExtensionBrowser) => ((await askWorker(ext, { kind: 'get-status', url: null })) as { queue: QueueStats }).queue;
const popup = async (ext: ExtensionBrowser): Promise<Page> => {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('popup.html'));
  return page;
};

test('a page nested 1,000 deep is stored with a placeholder and counted, and the pages after it still arrive', async ({ server, ext }) => {
  pages = await serveHardeningPages();
  await enableCapture(ext, { origin: pages.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 200 } });
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/hardening/deep.html`);
  const sessionId = await waitRecording(ext, page, 0, server.read);
  await Promise.all([page.waitForURL('**/plain.html'), page.locator('#next').click()]);
  await waitRecording(ext, page, 1, server.read);
  await page.locator('#go').click();
  await page.close();

  const control = await popup(ext);
  const events = await waitSessionComplete(control, server.read, sessionId);
  const text = JSON.stringify(events);
  expect(text).toContain('"data-webtrace-cut":"too-deep"');
  expect(text).not.toContain('the bottom');
  const cut = events.find((e) => (e.data as { tag?: string } | null)?.tag === 'webtrace.depth-cut');
  expect(cut?.data).toMatchObject({ payload: { placeholders: 1, maxDepth: 256 } });
  expect((await server.read<{ rejected: Record<string, number> }>('/v1/stats')).rejected).toEqual({});
  const queue = await queueOf(ext);
  expect(queue.counters.nodesCutTooDeep).toBe(1);
  expect(queue.counters).toMatchObject({ chunksRejectedInvalid: 0, chunksDropped: 0 });
  await control.reload();
  await expect(control.locator('#dropped')).toContainText('1 part of pages nested too deep, kept as placeholders');
});

/** An endpoint that redirects every upload: `to` says where. */
async function redirectingEndpoint(status: 302 | 307, to: string): Promise<{ url: string; close(): Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.url === '/login')
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body><form>Sign in</form></body></html>');
    res.writeHead(status, { Location: to }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, hits, close: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())) };
}

for (const status of [302, 307] as const) {
  test(`a ${status} from the endpoint deletes nothing, and the popup says why`, async ({ ext }) => {
    pages = await serveHardeningPages();
    external = await serveExternalHost();
    const endpoint = await redirectingEndpoint(status, status === 302 ? '/login' : `${external.origin}/v1/batches`);
    try {
      await enableCapture(ext, {
        origin: pages.origin,
        endpoint: endpoint.url,
        ingestToken: 'ingest-token-for-the-redirect-test',
        upload: { delayMs: 200 },
      });
      const page = await ext.context.newPage();
      await page.goto(`${pages.origin}/hardening/plain.html`);
      await page.locator('#go').click();
      const control = await popup(ext);
      await expect.poll(async () => (await queueOf(ext)).pendingChunks, { timeout: 20_000 }).toBeGreaterThan(0);
      await expect.poll(async () => (await queueOf(ext)).counters.uploadFailures, { timeout: 20_000 }).toBeGreaterThan(0);
      await requestUpload(control);
      const queue = await queueOf(ext);
      expect(queue.pendingChunks).toBeGreaterThan(0);
      expect(queue.counters).toMatchObject({ chunksUploaded: 0, batchesUploaded: 0 });
      expect(queue.lastError).toMatch(/redirect, which is never followed/);
      await control.reload();
      await expect(control.locator('#error')).toContainText('redirect, which is never followed: check the endpoint URL');
      // The redirect was not followed: no login page fetched, nothing re-posted to the other origin.
      expect(endpoint.hits.every((h) => /^POST \/v1\/(batches|consent-receipts|installs\/enrol)/.test(h))).toBe(true);
      expect(external.requests).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });
}

test("another install's session is refused: the chunk is set aside and shown, the queue goes on", async ({ server, ext }) => {
  pages = await serveHardeningPages();
  await enableCapture(ext, { origin: pages.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 200 } });
  // Another employee's machine recorded session S first.
  const sessionId = randomUUID();
  const now = Date.now();
  const theirs: Batch = {
    batchId: `other_${randomUUID()}`,
    installId: randomUUID(),
    orgId: null,
    sentAt: now,
    extensionVersion: '0.1.0',
    chunks: [
      {
        sessionId,
        page: 0,
        seq: 0,
        site: pages.origin,
        url: `${pages.origin}/hardening/plain.html`,
        events: [{ type: 4, timestamp: now, data: { href: `${pages.origin}/hardening/plain.html`, width: 800, height: 600 } }],
      },
    ],
  };
  const other = await enrolInstall(server, { installId: theirs.installId });
  const seeded = await fetch(`${server.url}/v1/batches`, {
    method: 'POST',
    headers: { ...other.headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify(theirs)),
  });
  expect(seeded.status).toBe(200);

  // This machine's tab is made to continue that session (as a squatter holding its id would).
  const tabIds = () => ext.worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id!));
  const before = await tabIds();
  const page = await ext.context.newPage();
  const tabId = (await tabIds()).find((id) => !before.includes(id))!;
  await ext.worker.evaluate(([id, record]) => chrome.storage.session.set({ [`webtrace:tab:${id}`]: record }), [
    tabId,
    { sessionId, site: pages.origin, nextPage: 1, lastSeenAt: now, pages: [] },
  ] as const);
  await page.goto(`${pages.origin}/hardening/plain.html`);
  await page.locator('#go').click();
  const control = await popup(ext);
  await expect.poll(async () => (await queueOf(ext)).setAsideBatches, { timeout: 30_000 }).toBeGreaterThan(0);
  expect((await server.read<SessionSummary>(`/v1/sessions/${sessionId}`)).bytes).toBeLessThan(2000);
  expect((await server.read<SessionCompleteness>(`/v1/sessions/${sessionId}/completeness`)).pages.map((p) => p.page)).toEqual([0]);
  expect((await server.read<{ rejected: Record<string, number> }>('/v1/stats')).rejected.session_of_another_install).toBeGreaterThan(0);
  await control.reload();
  await expect(control.locator('#set-aside')).not.toHaveText('0 batches');

  // The queue is not stuck behind it: a page in a new tab (a session of its own) arrives.
  const next = await ext.context.newPage();
  await next.goto(`${pages.origin}/hardening/plain.html`);
  await next.locator('#go').click();
  await expect
    .poll(
      async () => {
        await requestUpload(control);
        return (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions.length;
      },
      { timeout: 30_000 },
    )
    .toBe(2);
});

test('the replay in the viewer makes no request outside the viewer, whatever the page pointed at', async ({ server, ext }) => {
  external = await serveExternalHost();
  pages = await serveHardeningPages(external.origin);
  await enableCapture(ext, { origin: pages.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 200 } });
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/hardening/assets.html`);
  await expect(page.locator('#logo')).toHaveJSProperty('complete', true);
  const sessionId = await waitRecording(ext, page, 0, server.read);
  await page.close();
  // While recording the page itself loaded them from the other host, as a page does.
  expect(external.requests.length).toBeGreaterThan(0);
  const control = await popup(ext);
  await waitSessionComplete(control, server.read, sessionId);
  const recorded = JSON.stringify(await server.read(`/v1/sessions/${sessionId}/events`));
  for (const asset of ['logo.png', 'style.css', 'font.woff2', 'bg.png', 'photo-2x.png', 'poster.png'])
    expect(recorded, asset).toContain(`${external.origin}/${asset}`);
  external.requests.length = 0;

  const viewer = await openViewer(ext.context, server.url);
  await signIn(viewer, server.readToken);
  await viewer.locator('tbody tr').first().getByRole('link', { name: pages.origin }).click();
  await waitUntilLoaded(viewer);
  const frame = replayFrame(viewer);
  await expect(frame.locator('#ready')).toHaveText('Ready');
  // Everything the replayed page could load has settled: images decided, fonts done, styles applied.
  await expect(frame.locator('#logo')).toHaveJSProperty('complete', true);
  await expect
    .poll(() =>
      frame.locator('html').evaluate(async () => {
        await document.fonts.ready;
        return [...document.images].every((i) => i.complete) && document.fonts.status;
      }),
    )
    .toBe('loaded');
  expect(await frame.locator('#logo').getAttribute('src')).toMatch(/^data:/);
  await expect(viewer.locator('.stage iframe')).toHaveAttribute('referrerpolicy', 'no-referrer');
  expect(external.requests, 'requests from the replay to the other host').toEqual([]);
});
