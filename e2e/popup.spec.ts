import { CONSENT_VERSION } from '../lib/rules/config/consent-version';
import { askWorker, configureExtension } from './support/extension-control';
import { editRow } from './support/edit-row';
import { test, expect } from './support/fixtures';
import { tabIdOf } from './support/tab-id';
import { tabTo } from './support/tab-to';

/** Port 9 is closed: uploads fail, so what was recorded stays waiting until the test points at the server. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

test('keyboard only: consent, turn a site on, pause and resume, upload; each state in plain words, counters under Details', async ({
  server,
  app,
  ext,
}, testInfo) => {
  await configureExtension(ext, { endpoint: CLOSED_ENDPOINT, ingestToken: server.ingestToken });
  await expect.poll(() => ext.context.pages().some((p) => p.url().endsWith('/consent.html'))).toBe(true);
  const consentPage = ext.context.pages().find((p) => p.url().endsWith('/consent.html'))!;
  await consentPage.bringToFront();
  await tabTo(consentPage, '#agree');
  await consentPage.keyboard.press('Enter');
  await expect(consentPage.locator('#consent-state')).toHaveText(/You agreed on/);

  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${await tabIdOf(ext, page)}`));
  const state = popup.locator('#capture');
  await expect(state).toHaveText('Off: you have not turned recording on for this site.');
  await expect(popup.getByRole('group', { name: 'Pause recording' })).toBeHidden();
  await popup.screenshot({ path: testInfo.outputPath('popup-off.png'), fullPage: true });

  await tabTo(popup, '#site-on');
  await popup.keyboard.press('Space');
  await expect(state).toHaveText('Recording.');
  await expect(popup.getByRole('radio', { name: 'Not paused' })).toBeChecked();
  await expect(popup.getByRole('link', { name: 'Withdraw consent' })).toHaveAttribute('href', '/consent.html#decision-heading');
  await expect(popup.getByRole('link', { name: 'What is recorded' })).toBeVisible();
  // The technical counters exist, but only behind "Details".
  await expect(popup.getByText('Invalid recorder messages')).toBeHidden();
  await popup.screenshot({ path: testInfo.outputPath('popup-recording.png'), fullPage: true });

  await page.bringToFront();
  await editRow(page, 1);
  await popup.bringToFront();
  // The popup renders after it asks the worker, so each reload is read only once its line has words.
  const waiting = popup.locator('#waiting');
  await expect
    .poll(async () => {
      await popup.reload();
      await expect(waiting).toHaveText(/\S/);
      return waiting.textContent();
    })
    .toMatch(/^1 recording waiting to upload \(\d/);

  // Into the pause choice: focus lands on the checked segment; the arrow moves and chooses.
  await tabTo(popup, 'input[name="pause"]:checked');
  await popup.keyboard.press('ArrowRight');
  await expect(state).toHaveText('Paused.');
  await expect(popup.getByRole('radio', { name: '15 minutes' })).toBeChecked();
  await expect(popup.locator('#pause-state')).toHaveText(/^Paused until .+ \(in 15 min\)\.$/);
  await popup.screenshot({ path: testInfo.outputPath('popup-paused.png'), fullPage: true });
  await tabTo(popup, 'input[name="pause"]:checked');
  await popup.keyboard.press('ArrowLeft');
  await expect(state).toHaveText('Recording.');

  // An upload that cannot get through says what happens meanwhile and what to do.
  await tabTo(popup, '#upload-now');
  await popup.keyboard.press('Enter');
  await expect(popup.locator('#error')).toHaveText(/^The upload did not go through: .+ Your recordings stay on this computer/);
  await expect(popup.locator('#error')).not.toContainText('backingOff');
  await popup.screenshot({ path: testInfo.outputPath('popup-upload-problem.png'), fullPage: true });

  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken });
  await tabTo(popup, '#upload-now');
  await popup.keyboard.press('Enter');
  await expect(popup.locator('#waiting')).toHaveText('Nothing waiting to upload.');
  await expect(popup.locator('#last-upload-line')).toHaveText(/^Last upload \d+ s ago\.$/);
  await expect(popup.locator('#error')).toBeHidden();

  // My data opens from the keyboard too.
  const opened = ext.context.waitForEvent('page');
  await tabTo(popup, 'a[href="/my-data.html"]');
  await popup.keyboard.press('Enter');
  await expect((await opened).locator('h1')).toBeVisible();
});

test('after consent, a page that cannot be recorded offers no pause and no switch', async ({ server, ext }, testInfo) => {
  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken });
  expect(await askWorker(ext, { kind: 'give-consent', version: CONSENT_VERSION })).toMatchObject({ ok: true });
  const other = await ext.context.newPage();
  await other.goto(ext.extensionUrl('options.html'));
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${await tabIdOf(ext, other)}`));
  await expect(popup.locator('#capture')).toHaveText(/^Not allowed by your organisation\./);
  await expect(popup.getByRole('link', { name: 'Withdraw consent' })).toBeVisible();
  await expect(popup.getByRole('group', { name: 'Pause recording' })).toBeHidden();
  await expect(popup.getByRole('switch', { name: 'Record this site' })).toBeHidden();
  await popup.screenshot({ path: testInfo.outputPath('popup-not-recordable.png'), fullPage: true });
});
