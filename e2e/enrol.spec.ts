import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { INDICATOR_TAG } from '../lib/recorder/indicator/indicator-tag';
import { heldCredentialSchema } from '../lib/schema/enrolment';
import type { SessionSummary } from '../lib/schema/read-api';
import { INSTALL_CREDENTIAL_KEY } from '../lib/schema/storage-keys';
import { makeBatch, makeChunk } from '../test/server/fixtures';
import { waitRecording } from './support/canary-driver';
import { dumpIndexedDb } from './support/dump-extension-storage';
import { configureExtension, enableCapture, requestUpload } from './support/extension-control';
import { enrolTest as test, expect } from './support/fixtures';

/** Port 9 is closed: uploads fail and everything stays queued until the test points back at the server. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

/** Files under dir whose bytes (gunzipped when .gz) contain the needle, relative paths. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    let bytes = await readFile(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
    if (bytes.toString('latin1').includes(needle)) out.push(path.relative(dir, file));
  }
  return out;
}

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

test('per-install credentials: the extension enrols, uploads with its credential, and enrols again after a revocation, losing nothing', async ({
  server,
  app,
  ext,
}) => {
  const held = async () =>
    heldCredentialSchema.parse(
      await ext.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key], INSTALL_CREDENTIAL_KEY),
    );
  const sessions = () => server.read<{ sessions: SessionSummary[] }>('/v1/sessions').then((r) => r.sessions);
  const clicks = async () => (await sessions()).reduce((n, s) => n + (s.actionCounts.click ?? 0), 0);

  // 1. Consent, recording, upload: the server (required mode) takes batches only with a credential.
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  // Clicks before the page's recorder runs are not recorded: its mark shows once it does.
  await expect(page.locator(INDICATOR_TAG)).toBeVisible();
  await clickEdits(page, 3);
  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  await expect
    .poll(
      async () => {
        await requestUpload(control);
        return clicks();
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(3);
  const first = await held();
  expect(first.credential).toMatch(/^wtic1\./);

  // 2. The data dir holds the credential only as its hash.
  const secret = first.credential.split('.')[2]!;
  expect(await filesContaining(server.dataDir, secret)).toEqual([]);
  expect(await filesContaining(server.dataDir, first.credential)).toEqual([]);
  const record = JSON.parse(await readFile(path.join(server.dataDir, 'installs', `${first.installId}.json`), 'utf8')) as {
    current: { sha256: string };
  };
  expect(record.current.sha256).toMatch(/^[0-9a-f]{64}$/);

  // 3. A forged upload with the organisation token for that install is refused, with the credential of another install too.
  const forged = makeBatch([makeChunk({ sessionId: crypto.randomUUID(), t0: Date.now() - 60_000 })], {
    installId: first.installId,
    sentAt: Date.now(),
  });
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/v1/batches`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.ingestToken}`, ...headers },
      body: JSON.stringify(forged),
    });
  const bare = await post({});
  expect(bare.status).toBe(401);
  expect(((await bare.json()) as { error: string }).error).toBe('install_credential_required');
  const otherEnrol = await fetch(`${server.url}/v1/installs/enrol`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.ingestToken}` },
    body: JSON.stringify({ installId: crypto.randomUUID(), extensionVersion: '0.1.0' }),
  });
  const other = heldCredentialSchema.parse(await otherEnrol.json());
  const crossed = await post({ 'webtrace-install-credential': other.credential });
  expect(crossed.status).toBe(403);
  expect(((await crossed.json()) as { error: string }).error).toBe('install_credential_mismatch');
  // And the organisation token cannot take the install over by enrolling it again.
  const takeover = await fetch(`${server.url}/v1/installs/enrol`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.ingestToken}` },
    body: JSON.stringify({ installId: first.installId, extensionVersion: '0.1.0' }),
  });
  expect(takeover.status).toBe(409);

  // 4. Recorded while the server is unreachable, then the admin revokes: the extension enrols again, nothing queued is lost.
  await configureExtension(ext, { endpoint: CLOSED_ENDPOINT, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  await page.reload();
  // Clicks before the reloaded page's recorder runs are not recorded: wait for its full snapshot in the queue.
  await waitRecording(control, '/app/orders');
  await clickEdits(page, 3);
  await expect.poll(() => queuedChunks(control), { timeout: 15_000 }).toBeGreaterThan(0);
  const before = await clicks();
  const revoked = await fetch(`${server.url}/v1/admin/installs/${first.installId}/credential`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${server.adminToken}` },
  });
  expect(revoked.status).toBe(200);
  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const queuedBefore = await queuedChunks(control);
  // The last click may still be in the recorder's open chunk: leaving the page flushes it into the queue.
  await page.goto('about:blank');
  await expect
    .poll(
      async () => {
        await requestUpload(control);
        return { queued: await queuedChunks(control), clicks: await clicks() };
      },
      { timeout: 20_000 },
    )
    .toEqual({ queued: 0, clicks: before + 3 });
  expect(queuedBefore).toBeGreaterThan(0);
  const second = await held();
  expect(second.installId).toBe(first.installId);
  expect(second.credential).not.toBe(first.credential);
  expect(await filesContaining(server.dataDir, second.credential.split('.')[2]!)).toEqual([]);
  // The revoked credential stays refused.
  const stale = await post({ 'webtrace-install-credential': first.credential });
  expect(stale.status).toBe(401);
  expect(((await stale.json()) as { error: string }).error).toBe('install_credential_unknown');

  // 5. A stuck install: it lost its credential while the server holds a live one, so enrolling is refused (409).
  // The popup says the data stays here and what to ask the admin, quoting the install id.
  await ext.worker.evaluate((key) => chrome.storage.local.remove(key), INSTALL_CREDENTIAL_KEY);
  await page.goto(`${app.origin}/app/orders`);
  await waitRecording(control, '/app/orders');
  await clickEdits(page, 1);
  await page.goto('about:blank');
  await expect.poll(() => queuedChunks(control), { timeout: 15_000 }).toBeGreaterThan(0);
  expect((await requestUpload(control)).ok).toBe(false);
  await control.reload();
  await expect(control.locator('#error')).toContainText('Your recordings stay on this computer meanwhile');
  await expect(control.locator('#error')).toContainText(
    `Ask your admin to reset this install's credential (install id ${first.installId}).`,
  );
  expect(await queuedChunks(control)).toBeGreaterThan(0);
});
