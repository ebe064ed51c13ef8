import type { BrowserContext, Page } from 'playwright';
import { expect } from '@playwright/test';

/** Driving the viewer the way a researcher does: through its labels and roles. */
export async function openViewer(context: BrowserContext, serverUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${serverUrl}/viewer/`);
  await expect(page.getByRole('heading', { name: 'Sign in to the webtrace viewer' })).toBeVisible();
  return page;
}

/** Submits a token; resolves once the viewer either shows the list or says why it refused. */
export async function submitToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Reader token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sessions' }).or(page.getByRole('alert').filter({ hasText: /\S/ }))).toBeVisible();
}

export async function signIn(page: Page, token: string): Promise<void> {
  await submitToken(page, token);
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible();
}

export const listStatus = (page: Page) => page.locator('.list-status');
export const sessionStatus = (page: Page) => page.locator('.session .status');
export const replayFrame = (page: Page) => page.frameLocator('.stage iframe');
export const highlightedTarget = (page: Page) => replayFrame(page).locator('[data-webtrace-target]');
export const currentOption = (page: Page) => page.locator('[role=option][aria-selected=true]');

/** Where the replay is, in ms since the session started: the timeline slider, which follows the replayer. */
export async function replayTime(page: Page): Promise<number> {
  return Number(await page.getByRole('slider', { name: 'Replay position' }).inputValue());
}

/** Waits until every event of the open session has loaded. */
export async function waitUntilLoaded(page: Page, timeout = 30_000): Promise<void> {
  await expect(sessionStatus(page)).toHaveText(/^Loaded [\d,]+ events\.$/, { timeout });
}
