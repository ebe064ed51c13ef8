import type { Page } from '@playwright/test';
import { CONSENT_VERSION } from '../lib/rules/config/consent-version';
import type { LocalSessionsAnswer } from '../lib/schema/extension-messages';
import type { ConsentReceiptList } from '../lib/schema/consent-receipt';
import type { SessionSummary } from '../lib/schema/read-api';
import { INSTALL_ID_KEY } from '../lib/schema/storage-keys';
import { dumpIndexedDb } from './support/dump-extension-storage';
import { filesMentioning } from './support/files-mentioning';
import { askWorker, configureExtension, enableCapture, requestUpload } from './support/extension-control';
import { expect, lifecycleTest as test } from './support/fixtures';

/** Port 9 is closed: uploads fail and everything stays queued until the test points back at the server. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

async function clickEdits(page: Page, n: number) {
  const rows = page.locator('tbody tr');
  for (let i = 0; i < n; i++) {
    await rows
      .nth(i % 3)
      .getByRole('button', { name: 'Edit' })
      .click();
    await expect(page.locator('#editing')).toHaveText(`Editing row ${(i % 3) + 1}`);
  }
}

const queuedChunks = async (page: Page) =>
  (JSON.parse(await dumpIndexedDb(page)) as Record<string, Record<string, unknown[]>>)['webtrace']?.['chunks']?.length ?? 0;

test('consent receipts, withdrawal, "Delete my uploaded recordings" and a late batch after an admin erasure', async ({
  server,
  app,
  ext,
}) => {
  const admin = async <T>(method: string, pathname: string): Promise<T> => {
    const res = await fetch(`${server.url}${pathname}`, { method, headers: { Authorization: `Bearer ${server.adminToken}` } });
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const installId = () => ext.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key] as string, INSTALL_ID_KEY);
  const receipts = async (id: string) => admin<ConsentReceiptList>('GET', `/v1/admin/consent-receipts?installId=${id}`);

  // 1. Consent, recording, upload (the server refuses batches without an active grant: the receipt went first).
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  await clickEdits(page, 3);
  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  const sessions = () => server.read<{ sessions: SessionSummary[] }>('/v1/sessions').then((r) => r.sessions);
  await expect
    .poll(
      async () => {
        await requestUpload(control);
        return (await sessions()).reduce((n, s) => n + (s.actionCounts.click ?? 0), 0);
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(3);

  // 2. The receipt is on the server, with the erasure secret's hash and nothing of the secret.
  const first = await installId();
  const granted = await receipts(first);
  expect(granted.active).toBe(true);
  expect(granted.receipts).toHaveLength(1);
  expect(granted.receipts[0]).toMatchObject({
    kind: 'grant',
    installId: first,
    erasureSecretSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
  });

  // 3. Withdrawal is recorded; consent again to go on recording.
  expect(await askWorker(ext, { kind: 'withdraw-consent' })).toMatchObject({ ok: true });
  await expect.poll(async () => (await receipts(first)).receipts.map((r) => r.kind)).toEqual(['grant', 'withdraw']);
  expect((await receipts(first)).active).toBe(false);
  expect(await askWorker(ext, { kind: 'give-consent', version: CONSENT_VERSION })).toMatchObject({ ok: true });
  // Withdrawing turned every site off: the person turns this one on again.
  expect(await askWorker(ext, { kind: 'set-site', origin: app.origin, on: true })).toMatchObject({ ok: true });
  await expect.poll(async () => (await receipts(first)).active).toBe(true);

  // 4. "Delete my uploaded recordings" from My data: every file of that install leaves the data dir.
  const sessionIds = (await sessions()).map((s) => s.id);
  expect(sessionIds.length).toBeGreaterThan(0);
  expect(await filesMentioning(server.dataDir, sessionIds)).not.toEqual([]);
  const myData = await ext.context.newPage();
  await myData.goto(ext.extensionUrl('my-data.html'));
  await myData.getByRole('button', { name: 'Delete my uploaded recordings' }).click();
  await myData.getByRole('button', { name: 'Yes, delete my uploaded recordings' }).click();
  await expect(myData.locator('#erase-result')).toHaveText(
    new RegExp(`^Your organisation's server deleted ${sessionIds.length} recordings? \\(\\d+ parts?\\) on .*new random identifier\\.$`),
  );
  // At once: no session, chunk, summary or drop report file. The server's write-ahead log still holds the
  // batches until its segment is retired (rotated after 10 s, deleted 30 s later): allowed that long, no longer.
  expect((await filesMentioning(server.dataDir, sessionIds)).filter((f) => !f.startsWith('wal/'))).toEqual([]);
  expect(await sessions()).toEqual([]);
  await expect.poll(() => filesMentioning(server.dataDir, sessionIds), { timeout: 60_000, intervals: [1000] }).toEqual([]);

  // A new pseudonym, with its own grant (consent is still given).
  const second = await installId();
  expect(second).not.toBe(first);
  await expect.poll(async () => (await receipts(second)).active).toBe(true);
  expect((await receipts(second)).receipts[0]!.erasureSecretSha256).not.toBe(granted.receipts[0]!.erasureSecretSha256);

  // 5. A late batch: recorded while the server is unreachable, the admin erases the install, then it is sent.
  await configureExtension(ext, { endpoint: CLOSED_ENDPOINT, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  await page.reload();
  await clickEdits(page, 3);
  await expect.poll(() => queuedChunks(control), { timeout: 15_000 }).toBeGreaterThan(0);
  await admin('DELETE', `/v1/subjects/${second}`);
  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  await expect
    .poll(
      async () => {
        await requestUpload(control);
        return queuedChunks(control);
      },
      { timeout: 15_000 },
    )
    .toBe(0);
  // Deleted because of the server's 410, not uploaded: counted as erased on the server.
  const local = (await askWorker(ext, { kind: 'list-local-sessions' })) as LocalSessionsAnswer;
  expect(local.queue.counters.chunksErasedOnServer).toBeGreaterThan(0);
  expect(local.queue.counters.batchesErasedOnServer).toBeGreaterThan(0);
  expect(local.sessions).toEqual([]);
  expect(await sessions()).toEqual([]);
  await myData.reload();
  await expect(myData.locator('#server-erased')).toHaveText(/^Your organisation erased the recordings uploaded from this computer on /);
});
