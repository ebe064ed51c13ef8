import { expect, type Page } from '@playwright/test';
import type { Action } from '../../lib/schema/action';
import type { SessionSummary } from '../../lib/schema/read-api';
import type { ExtensionBrowser } from './launch-extension';
import type { RunningServer } from './start-server';
import type { TestApp } from './serve-test-app';
import { chooseOption } from './choose-option';
import { enableCapture, requestUpload } from './extension-control';

/** Typed into the test app; must never appear in anything exported. */
export const TYPED = {
  email: 'export.canary.41d2@example.test',
  password: 'Pw-export-77!zQ',
  customer: 'Grace Export Hopper',
  notes: 'notes-export-9c3f side gate',
};

/** Signs in, filters orders, edits a row and submits a new order: clicks, typing, selects, a key, a check, SPA navigation. */
export async function workThroughTestApp(page: Page, app: TestApp): Promise<void> {
  await page.goto(`${app.origin}/`);
  await page.locator('#email').click();
  await page.keyboard.type(TYPED.email);
  await page.locator('#password').click();
  await page.keyboard.type(TYPED.password);
  await Promise.all([page.waitForURL('**/app.html'), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page).toHaveURL(/\/app\/orders$/);
  // By keyboard type-ahead: selectOption() dispatches untrusted events, which are never actions.
  await chooseOption(page.getByLabel('Status'), 'Shipped');
  await page.getByRole('combobox', { name: 'Country' }).click();
  await page.getByRole('option', { name: 'Germany' }).click();
  await page.locator('tbody tr').nth(1).locator('button svg').click();
  await expect(page.locator('#editing')).toHaveText('Editing row 2');
  await page.getByRole('link', { name: 'New order' }).click();
  await page.getByLabel('Customer name').click();
  await page.keyboard.type(TYPED.customer);
  await page.keyboard.press('Tab');
  await page.keyboard.type('12');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.keyboard.type(TYPED.notes);
  await page.getByLabel('Express delivery').check();
  await page.getByRole('button', { name: 'Submit order' }).click();
  await expect(page.locator('#done')).toHaveText('Order submitted');
}

/** Records the test app through the extension into the server; returns the session's actions as the server has them. */
export async function recordTestApp(ext: ExtensionBrowser, server: RunningServer, app: TestApp): Promise<Action[]> {
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken });
  const page = await ext.context.newPage();
  await workThroughTestApp(page, app);
  await page.close(); // its last events are handed over on pagehide
  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  const submits = async () => {
    await requestUpload(control);
    const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
    if (sessions.length !== 1) return -1;
    const { actions } = await server.read<{ actions: Action[] }>(`/v1/sessions/${sessions[0]!.id}/actions`);
    return actions.filter((a) => a.type === 'submit').length;
  };
  await expect.poll(submits, { timeout: 30_000, message: 'both submits reached the server' }).toBe(2);
  const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
  return (await server.read<{ actions: Action[] }>(`/v1/sessions/${sessions[0]!.id}/actions`)).actions;
}
