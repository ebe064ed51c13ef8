import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { dumpIndexedDb, queuedActions } from './support/dump-extension-storage';
import { readTree, secretsIn } from './support/find-secrets';
import type { TestApp } from './support/serve-test-app';
import { configureExtension, enableCapture, requestUpload } from './support/extension-control';
import { chooseOption } from './support/choose-option';

// Planted secrets: none of these may appear anywhere the extension or server stores.
const EMAIL = 'canary.user.7f3a@example.test';
const PASSWORD = 'Pw-canary-93!xQ';
const CUSTOMER = 'Ada Canary Lovelace';
const QUANTITY = '918273645';
const NOTES = 'notes-canary-5e1b deliver to back door';
const SECRETS = [EMAIL, PASSWORD, CUSTOMER, QUANTITY, NOTES];
/** Port 9 (discard) is closed here: every upload attempt fails and the chunks stay queued. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

async function workThroughTheApp(page: Page, app: TestApp) {
  await page.goto(`${app.origin}/`);
  await page.locator('#email').click();
  await page.keyboard.type(EMAIL);
  await page.locator('#password').click();
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL('**/app.html'), page.getByRole('button', { name: 'Sign in' }).click()]);

  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page).toHaveURL(/\/app\/orders$/);
  await chooseOption(page.getByLabel('Status'), 'Shipped');
  await page.getByRole('combobox', { name: 'Country' }).click();
  await page.getByRole('option', { name: 'Germany' }).click();
  // Click the icon inside the second row's button: the action must target the button.
  await page.locator('tbody tr').nth(1).locator('button svg').click();
  await expect(page.locator('#editing')).toHaveText('Editing row 2');

  await page.getByRole('link', { name: 'New order' }).click();
  await page.getByLabel('Customer name').click();
  await page.keyboard.type(CUSTOMER);
  await page.keyboard.press('Tab');
  await page.keyboard.type(QUANTITY);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.keyboard.type(NOTES);
  await page.getByLabel('Express delivery').check();
  await page.getByRole('button', { name: 'Submit order' }).click();
  await expect(page.locator('#done')).toHaveText('Order submitted');
}

type Expect = { type: Action['type']; role?: string | null; name?: string; check?: (a: Action) => boolean };

/** Finds the expected actions in order (other actions may come between them). */
function findInOrder(actions: Action[], expected: Expect[]): { missing: Expect | null; found: Action[] } {
  const found: Action[] = [];
  let i = 0;
  for (const want of expected) {
    while (i < actions.length && !matches(actions[i]!, want)) i += 1;
    if (i === actions.length) return { missing: want, found };
    found.push(actions[i]!);
    i += 1;
  }
  return { missing: null, found };
}

function matches(a: Action, want: Expect): boolean {
  if (a.type !== want.type) return false;
  if (want.role !== undefined && a.target?.role !== want.role) return false;
  if (want.name !== undefined && a.target?.name !== want.name) return false;
  return want.check ? want.check(a) : true;
}

test('a session in the test app reaches the server as rrweb events and semantic actions, with no typed value stored anywhere', async ({
  server,
  app,
  ext: browser,
}) => {
  // Nothing can leave before the local queue has been inspected: first point the extension at a closed port.
  await enableCapture(browser, { origin: app.origin, endpoint: CLOSED_ENDPOINT, ingestToken: server.ingestToken });
  const page = await browser.context.newPage();
  await workThroughTheApp(page, app);

  const control = await browser.context.newPage();
  await control.goto(browser.extensionUrl('popup.html'));
  // The worker acknowledges chunks once durable; wait until the last action's chunk is queued.
  const submitsQueued = async () => queuedActions(await dumpIndexedDb(control)).filter((a) => a.type === 'submit').length;
  await expect.poll(submitsQueued, { timeout: 15_000 }).toBe(2);
  const queued = await dumpIndexedDb(control);
  expect(secretsIn(queued, SECRETS), 'typed values in IndexedDB').toEqual([]);

  await configureExtension(browser, { endpoint: server.url, ingestToken: server.ingestToken });
  expect(await requestUpload(control)).toEqual({ ok: true, detail: 'upload drained' });
  await expect.poll(async () => (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions.length).toBe(1);
  const [session] = (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions;
  expect(session!.site).toBe(app.origin);
  await expect
    .poll(async () =>
      (await server.read<{ actions: Action[] }>(`/v1/sessions/${session!.id}/actions`)).actions.some((a) => a.type === 'submit'),
    )
    .toBe(true);
  const { actions } = await server.read<{ actions: Action[] }>(`/v1/sessions/${session!.id}/actions`);

  const { missing, found } = findInOrder(actions, [
    { type: 'navigate', check: (a) => a.navigation === 'load' && a.url.endsWith('/') },
    { type: 'type', role: 'textbox', name: 'Email', check: (a) => a.value?.kind === 'masked' && a.value.length === EMAIL.length },
    { type: 'type', name: 'Password', check: (a) => a.target?.inputType === 'password' },
    { type: 'click', role: 'button', name: 'Sign in' },
    { type: 'submit' },
    { type: 'navigate', check: (a) => a.navigation === 'load' && a.url.endsWith('/app.html') },
    { type: 'click', role: 'link', name: 'Orders' },
    { type: 'navigate', check: (a) => a.navigation === 'push' && a.url.endsWith('/app/orders') },
    {
      type: 'select',
      role: 'combobox',
      name: 'Status',
      check: (a) => a.value?.kind === 'label' && a.value.label === 'Shipped' && a.control?.name === 'Status',
    },
    { type: 'click', role: 'combobox', name: 'Country' },
    // The choice names the combobox it was made in.
    {
      type: 'select',
      role: 'option',
      name: 'Germany',
      check: (a) =>
        a.value?.kind === 'label' && a.value.label === 'Germany' && a.control?.role === 'combobox' && a.control.name === 'Country',
    },
    // The row it was in, by its key cell; the first selector is anchored on that row.
    {
      type: 'click',
      role: 'button',
      name: 'Edit',
      check: (a) =>
        ['svg', 'rect'].includes(a.target?.hit?.tag ?? '') &&
        a.target!.ancestors[0]?.name === 'A-1002' &&
        a.target!.selectors[0]!.kind === 'row',
    },
    { type: 'click', role: 'link', name: 'New order' },
    {
      type: 'type',
      role: 'textbox',
      name: 'Customer name',
      check: (a) => a.value?.kind === 'masked' && a.value.length === CUSTOMER.length,
    },
    { type: 'key', check: (a) => a.key === 'Tab' },
    { type: 'type', role: 'spinbutton', name: 'Quantity' },
    { type: 'click', role: 'button', name: 'Next' },
    { type: 'type', role: 'textbox', name: 'Notes' },
    { type: 'check', role: 'checkbox', name: 'Express delivery', check: (a) => a.checked === true },
    { type: 'click', role: 'button', name: 'Submit order' },
    // A submit targets the form and names the button.
    { type: 'submit', role: 'form', name: 'New order', check: (a) => a.submitter?.name === 'Submit order' },
  ]);
  expect(missing, `actions on the server:\n${actions.map((a) => `${a.type} ${a.target?.role} "${a.target?.name}"`).join('\n')}`).toBeNull();

  // Every targeted action can be found again: its best selector matched exactly one element.
  for (const a of found.filter((x) => x.target)) {
    expect(
      a.target!.selectors.some((s) => s.matches === 1),
      `${a.type} "${a.target!.name}" has a unique selector`,
    ).toBe(true);
    expect(a.target!.nodeId).toBeGreaterThan(0);
  }
  // The Edit button's unique selector still resolves to that one button in the live page.
  const edit = found.find((a) => a.target?.name === 'Edit')!;
  const unique = edit.target!.selectors.find((s) => s.matches === 1 && (s.kind === 'css' || s.kind === 'xpath'))!;
  await page.getByRole('link', { name: 'Orders' }).click();
  const live = page.locator(unique.kind === 'css' ? unique.value : `xpath=${unique.value}`);
  await expect(live).toHaveCount(1);
  await expect(live).toHaveText('Edit');
  await expect(live).toHaveJSProperty('className', 'edit');

  // The replay stream holds both page loads' full snapshots.
  const events = await server.read<Array<{ type: number }>>(`/v1/sessions/${session!.id}/events`);
  expect(events.filter((e) => e.type === 2).length).toBeGreaterThanOrEqual(2);
  expect(session!.actionCounts.click).toBeGreaterThanOrEqual(6);

  // No typed value anywhere on the server's disk, nor anywhere in the browser profile's IndexedDB files.
  const serverFiles = await readTree(server.dataDir);
  expect(serverFiles.length).toBeGreaterThan(0);
  for (const [file, text] of serverFiles) expect(secretsIn(text, SECRETS), `server file ${file}`).toEqual([]);
  expect(secretsIn(await dumpIndexedDb(control), SECRETS), 'IndexedDB after upload').toEqual([]);
  for (const [file, text] of await readTree(path.join(browser.profileDir, 'Default', 'IndexedDB'))) {
    expect(secretsIn(text, SECRETS), `profile file IndexedDB/${file}`).toEqual([]);
  }
});
