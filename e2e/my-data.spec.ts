import { createHash } from 'node:crypto';
import type { Page, TestInfo } from '@playwright/test';
import type { AuditPage } from '../server/audit/audit-routes';
import type { LocalSessionsAnswer } from '../lib/schema/extension-messages';
import type { SessionSummary } from '../lib/schema/read-api';
import { INSTALL_CREDENTIAL_KEY, INSTALL_ID_KEY } from '../lib/schema/storage-keys';
import { seriousViolations } from './support/axe-violations';
import { editRow } from './support/edit-row';
import { askWorker, configureExtension, enableCapture, requestUpload } from './support/extension-control';
import { filesMentioning } from './support/files-mentioning';
import { expect, lifecycleTest as test } from './support/fixtures';
import { tabTo } from './support/tab-to';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Port 9 is closed: the server cannot be reached. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

/** A full-page screenshot of the state, kept with the test's results. */
async function keep(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`my-data-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`my-data-${name}.png`, { path, contentType: 'image/png' });
}

/**
 * Issue 19 ("My data"): the person sees what the server holds of their uploads, per site and day,
 * with the install id for a data-subject request, and deletes it from the keyboard alone: a confirm
 * step, the server's confirmation, then an empty list and no file of the install on the server's disk.
 */
test('My data lists the uploads per site and day, and deletes them from the keyboard with a confirm step', async ({
  server,
  app,
  ext,
}, testInfo) => {
  const admin = async <T>(pathname: string): Promise<T> => {
    const res = await fetch(`${server.url}${pathname}`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
    if (!res.ok) throw new Error(`GET ${pathname} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const installId = () => ext.worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key] as string, INSTALL_ID_KEY);
  const sessions = () => server.read<{ sessions: SessionSummary[] }>('/v1/sessions').then((r) => r.sessions);

  // Consent, recording on the test app, upload to the real server.
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  await editRow(page, 1);
  await editRow(page, 2);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl('popup.html'));
  await expect
    .poll(
      async () => {
        await requestUpload(popup);
        return (await sessions()).reduce((n, s) => n + (s.actionCounts.click ?? 0), 0);
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(2);
  // Closing the tab ends its recording; its last part goes up too, so nothing waits on this computer.
  await page.close();
  await expect
    .poll(
      async () => {
        await requestUpload(popup);
        return ((await askWorker(ext, { kind: 'list-local-sessions' })) as LocalSessionsAnswer).sessions.length;
      },
      { timeout: 20_000 },
    )
    .toBe(0);
  const uploaded = await sessions();
  const first = await installId();

  // Keyboard only from here: the popup's "My data" link.
  const opened = ext.context.waitForEvent('page');
  await tabTo(popup, 'a[href="/my-data.html"]');
  await popup.keyboard.press('Enter');
  const myData = await opened;
  const host = new URL(app.origin).host;
  await expect(myData.getByRole('heading', { name: `Uploaded to ${new URL(server.url).host}`, level: 2 })).toBeVisible();
  await expect(myData.locator('#install-id')).toHaveText(first);
  const rows = myData.locator('#uploads tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('td').nth(1)).toHaveText(host);
  const n = uploaded.length;
  await expect(rows.locator('td').nth(2)).toHaveText(
    new RegExp(`^${n} recordings?, [\\d.]+ (B|KB|MB), \\d\\d?[:.]\\d\\d(\\s?[AP]M)?–\\d\\d?[:.]\\d\\d(\\s?[AP]M)?`),
  );
  await expect(myData.locator('#uploads-summary')).toHaveText(new RegExp(`^The server holds ${n} recordings? .*from this computer\\.$`));
  await expect(myData.locator('#summary')).toHaveText('No recordings are waiting on this computer.');
  // The read is in the server's audit log, by id, authenticated by the install's own credential (its hash, as
  // the audit keeps it); the page's answer never carries the credential, only the worker holds it.
  const credential = () =>
    ext.worker.evaluate(
      async (key) => ((await chrome.storage.local.get(key))[key] as { credential: string }).credential,
      INSTALL_CREDENTIAL_KEY,
    );
  const reads = async () => (await admin<AuditPage>('/v1/admin/audit')).entries.filter((e) => e.action === 'subject.read');
  const enrolled = await credential();
  expect((await reads()).map((e) => [e.ids, e.actor])).toContainEqual([
    [first],
    { role: 'install', tokenHash: sha256(enrolled).slice(0, 8) },
  ]);
  expect(JSON.stringify(await askWorker(ext, { kind: 'list-uploads' }))).not.toContain(enrolled);

  // An admin revokes the credential: the worker enrols again and My data still lists the uploads, read with the new one.
  const revoked = await fetch(`${server.url}/v1/admin/installs/${first}/credential`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${server.adminToken}` },
  });
  expect(revoked.status).toBe(200);
  const readsBefore = (await reads()).length;
  await tabTo(myData, '#uploads-refresh');
  await myData.keyboard.press('Enter');
  await expect.poll(async () => (await reads()).length).toBe(readsBefore + 1);
  const renewed = await credential();
  expect(renewed).not.toBe(enrolled);
  expect((await reads()).at(-1)!.actor).toEqual({ role: 'install', tokenHash: sha256(renewed).slice(0, 8) });
  await expect(rows).toHaveCount(1);
  await expect(myData.locator('#uploads-summary')).toHaveText(new RegExp(`^The server holds ${n} recordings? `));
  expect(await seriousViolations(myData), 'listed').toEqual([]);
  await keep(myData, testInfo, 'listed');

  // The install id can be copied for a data-subject request.
  await tabTo(myData, '#copy-install-id');
  await myData.keyboard.press('Enter');
  await expect(myData.locator('#copy-result')).toHaveText('Copied.');
  // Read back from an ordinary page (an extension origin cannot be granted clipboard-read).
  await ext.context.grantPermissions(['clipboard-read'], { origin: app.origin });
  const reader = await ext.context.newPage();
  await reader.goto(`${app.origin}/app/orders`);
  expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await reader.close();
  await myData.bringToFront();

  // Delete: the first Enter only asks; focus is on the question, so a second Enter deletes nothing.
  await tabTo(myData, '#erase-uploads');
  await myData.keyboard.press('Enter');
  await expect(myData.getByRole('group', { name: /^Delete every recording uploaded from this computer/ })).toBeVisible();
  await expect(myData.locator('#erase-question')).toBeFocused();
  await myData.keyboard.press('Enter');
  expect((await sessions()).length).toBe(n);
  expect(await seriousViolations(myData), 'confirm').toEqual([]);
  await keep(myData, testInfo, 'confirm');
  await myData.keyboard.press('Tab');
  await expect(myData.locator('#erase-yes')).toBeFocused();
  await myData.keyboard.press('Enter');

  // The server's confirmation, with the focus on it; then the list is empty.
  const result = myData.locator('#erase-result');
  await expect(result).toHaveText(
    new RegExp(`^Your organisation's server deleted ${n} recordings? \\(\\d+ parts?\\) on .*new random identifier\\.$`),
  );
  await expect(result).toBeFocused();
  await expect(myData.locator('#uploads-summary')).toHaveText('The server holds no recordings from this computer.');
  await expect(rows).toHaveCount(0);
  const second = await installId();
  expect(second).not.toBe(first);
  await expect(myData.locator('#install-id')).toHaveText(second);
  expect(await sessions()).toEqual([]);
  // No file of the install's sessions is left on the server's disk (its write-ahead log was retired by the erasure).
  const ids = uploaded.map((s) => s.id);
  expect(await filesMentioning(server.dataDir, ids)).toEqual([]);
  // The install id itself stays only where issue 16 keeps it on purpose: its consent receipts and its tombstone.
  const keptOnPurpose = /^(consent|tombstones|batches)\//;
  expect((await filesMentioning(server.dataDir, [first])).filter((f) => !keptOnPurpose.test(f))).toEqual([]);
  expect(await seriousViolations(myData), 'deleted').toEqual([]);
  await keep(myData, testInfo, 'deleted');

  // The server cannot be reached: the page says so and what to do, and still shows the id.
  await configureExtension(ext, { endpoint: CLOSED_ENDPOINT, ingestToken: server.ingestToken });
  await tabTo(myData, '#uploads-refresh');
  await myData.keyboard.press('Enter');
  await expect(myData.locator('#uploads-summary')).toHaveText(/could not be reached.*Try again later\.$/);
  await expect(myData.locator('#install-id')).toHaveText(second);
  expect(await seriousViolations(myData), 'unreachable').toEqual([]);
  await keep(myData, testInfo, 'unreachable');
});
