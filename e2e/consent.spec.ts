import type { Page } from '@playwright/test';
import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { dumpIndexedDb, queuedActions } from './support/dump-extension-storage';
import { configureExtension, enableCapture, requestUpload } from './support/extension-control';
import { editRow } from './support/edit-row';
import { test, expect } from './support/fixtures';
import { stopServiceWorkers } from './support/stop-service-worker';
import { badgeOf, tabIdOf } from './support/tab-id';

const registeredScripts = (ext: { worker: { evaluate: <T>(fn: () => Promise<T>) => Promise<T> } }) =>
  ext.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());

/** Port 9 is closed: uploads fail and everything stays queued until the test points at the server. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

/**
 * Edit clicks durably queued in the extension. What the recorder has not yet handed to the worker
 * when the person turns recording off is dropped, so tests wait for this before switching.
 */
async function queuedEditClicks(extensionPage: Page): Promise<number> {
  const actions = queuedActions(await dumpIndexedDb(extensionPage)) as Action[];
  return actions.filter((a) => a.type === 'click' && a.target?.name === 'Edit').length;
}

async function serverEditClicks(server: { read<T>(p: string): Promise<T> }): Promise<number[]> {
  const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
  const rows: number[] = [];
  for (const s of [...sessions].reverse()) {
    const { actions } = await server.read<{ actions: Action[] }>(`/v1/sessions/${s.id}/actions`);
    for (const a of actions) {
      if (a.type !== 'click' || a.target?.name !== 'Edit') continue;
      const css = a.target.selectors.find((x) => x.kind === 'css' && x.matches === 1)!.value;
      rows.push(Number(/tr:nth-of-type\((\d)\)/.exec(css)?.[1]));
    }
  }
  return rows;
}

test('nothing is recorded before consent; then the person controls each site, pauses and resumes', async ({
  server,
  app,
  ext,
}, testInfo) => {
  await configureExtension(ext, { endpoint: CLOSED_ENDPOINT, ingestToken: server.ingestToken });

  // On install the consent page opens by itself.
  await expect.poll(() => ext.context.pages().some((p) => p.url().endsWith('/consent.html'))).toBe(true);
  const consentPage = ext.context.pages().find((p) => p.url().endsWith('/consent.html'))!;
  await expect(consentPage.locator('#consent-state')).toHaveText(/You have not agreed/);
  await consentPage.screenshot({ path: testInfo.outputPath('consent-page.png'), fullPage: true });

  // Before consent: no recorder registered, nothing recorded while the person works.
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  await editRow(page, 1);
  expect(await registeredScripts(ext)).toEqual([]);
  const tabId = await tabIdOf(ext, page);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}`));
  await expect(popup.locator('#capture')).toHaveText(/not agreed/);
  await expect(popup.getByRole('link', { name: /agree/ })).toBeVisible();
  await expect(popup.getByRole('switch', { name: 'Record this site' })).toBeHidden();

  // Consent, then the site is still off until the person turns it on.
  await consentPage.bringToFront();
  await consentPage.getByRole('button', { name: 'I agree to recording as described' }).click();
  await expect(consentPage.locator('#consent-state')).toHaveText(/You agreed on/);
  await popup.reload();
  await expect(popup.locator('#capture')).toHaveText(/^Off/);
  expect(await registeredScripts(ext)).toEqual([]);

  // Turning the site on starts recording in the open tab without a reload, and the badge shows it.
  await popup.getByRole('switch', { name: 'Record this site' }).check();
  await expect(popup.locator('#capture')).toHaveText('Recording.');
  await popup.screenshot({ path: testInfo.outputPath('popup-recording.png'), fullPage: true });
  expect((await registeredScripts(ext)).map((s) => s.matches)).toEqual([['http://127.0.0.1/*']]);
  await page.bringToFront();
  await expect.poll(() => badgeOf(ext, tabId)).toBe('REC');
  await editRow(page, 2); // recorded
  await expect.poll(() => queuedEditClicks(popup)).toBe(1);

  // Turning it off stops at once: the very next click is never recorded, and the badge goes.
  await popup.getByRole('switch', { name: 'Record this site' }).uncheck();
  await expect(popup.locator('#capture')).toHaveText(/^Off/);
  await editRow(page, 3); // not recorded
  await expect.poll(() => badgeOf(ext, tabId)).toBe('');
  expect(await registeredScripts(ext)).toEqual([]);

  // On again, then pause: nothing recorded while paused, even across a worker restart and a reload.
  await popup.getByRole('switch', { name: 'Record this site' }).check();
  await expect(popup.locator('#capture')).toHaveText('Recording.');
  await editRow(page, 1); // recorded
  await expect.poll(() => queuedEditClicks(popup)).toBe(2);
  await popup.getByRole('radio', { name: '1 hour' }).check();
  await expect(popup.locator('#pause-state')).toHaveText(/Paused until/);
  await expect(popup.locator('#capture')).toHaveText('Paused.');
  await popup.screenshot({ path: testInfo.outputPath('popup-paused.png'), fullPage: true });
  await editRow(page, 2); // not recorded
  await stopServiceWorkers(ext.context);
  await popup.reload();
  await expect(popup.locator('#capture')).toHaveText('Paused.');
  await page.reload();
  await editRow(page, 3); // not recorded
  expect(await registeredScripts(ext)).toEqual([]);

  // Resume: recording restarts in the open tab.
  await popup.getByRole('radio', { name: 'Not paused' }).check();
  await expect(popup.locator('#capture')).toHaveText('Recording.');
  await page.bringToFront();
  await expect.poll(() => badgeOf(ext, tabId)).toBe('REC');
  await editRow(page, 2); // recorded

  await expect.poll(() => queuedEditClicks(popup)).toBe(3);
  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken });
  expect(await requestUpload(popup)).toEqual({ ok: true, detail: 'upload drained' });
  expect(await serverEditClicks(server)).toEqual([2, 1, 2]);
});

test('withdrawing consent stops recording everywhere at once', async ({ server, app, ext }) => {
  await enableCapture(ext, { origin: app.origin, endpoint: CLOSED_ENDPOINT, ingestToken: server.ingestToken });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  const tabId = await tabIdOf(ext, page);
  await expect.poll(() => badgeOf(ext, tabId)).toBe('REC');
  await editRow(page, 1); // recorded
  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl(`popup.html?tabId=${tabId}`));
  await expect.poll(() => queuedEditClicks(control)).toBe(1);
  // Withdrawal is reachable from the popup: its link opens the consent page at the decision.
  const consentOpened = ext.context.waitForEvent('page');
  await control.getByRole('link', { name: 'Withdraw consent' }).click();
  const consentPage = await consentOpened;
  await consentPage.getByRole('button', { name: 'Withdraw my consent' }).click();
  await expect(consentPage.locator('#consent-state')).toHaveText(/^You withdrew your consent on .+\. Nothing is recorded/);
  await editRow(page, 3); // not recorded
  await expect.poll(() => badgeOf(ext, tabId)).toBe('');
  await control.reload();
  await expect(control.locator('#capture')).toHaveText(/^Not recording: you withdrew your consent on /);
  await expect(control.getByRole('link', { name: 'Withdraw consent' })).toBeHidden();
  expect(await registeredScripts(ext)).toEqual([]);
  // The server holds the grant and then the withdrawal (the receipts go before the batches), so it refuses
  // what was recorded before (WEBTRACE_REQUIRE_CONSENT_RECEIPT is on by default): it stays here, and the popup says why.
  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken });
  expect(await requestUpload(control)).toEqual({ ok: false, detail: 'upload backingOff' });
  expect(await serverEditClicks(server)).toEqual([]);
  expect(await queuedEditClicks(control)).toBe(1);
  await control.reload();
  await expect(control.locator('#error')).toContainText('The server has no record of your agreement to this recording.');
});

test('a recording deleted on the My data page is never uploaded', async ({ server, app, ext }, testInfo) => {
  // Uploads go nowhere until the recording has been deleted.
  await enableCapture(ext, { origin: app.origin, endpoint: 'http://127.0.0.1:9', ingestToken: server.ingestToken });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  await editRow(page, 1);
  await editRow(page, 2);
  const myData = await ext.context.newPage();
  await myData.goto(ext.extensionUrl('my-data.html'));
  // Wait for the chunks with both clicks to be queued, then close the tab so nothing more is recorded.
  await expect
    .poll(async () => {
      await myData.reload();
      return myData.locator('#sessions tbody tr').first().locator('td').nth(2).textContent();
    })
    .toMatch(/^[3-9]|\d\d/);
  await page.close();
  await myData.reload();
  const row = myData.locator('#sessions tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td').first()).toHaveText(app.origin);
  await expect(row).toContainText('waiting to upload');
  await myData.screenshot({ path: testInfo.outputPath('my-data.png'), fullPage: true });
  await row.getByRole('button', { name: /^Delete the recording of/ }).click();
  await expect(myData.locator('#summary')).toHaveText('No recordings are waiting on this computer.');
  await expect(myData.locator('#sessions')).toBeHidden();

  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken });
  expect(await requestUpload(myData)).toEqual({ ok: true, detail: 'upload drained' });
  const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
  expect(sessions).toEqual([]);
  const stats = await server.read<{ batchesAccepted: number }>('/v1/stats');
  expect(stats.batchesAccepted).toBe(0);
});
