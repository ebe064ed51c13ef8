import type { Page } from '@playwright/test';
import { seriousViolations } from './support/axe-violations';
import { test, expect } from './support/fixtures';
import { recordSession } from './support/record-viewer-session';
import { currentOption, openViewer, waitUntilLoaded } from './support/viewer-page';

/**
 * Issue 19's accessibility proof for the researcher's screens and the employee's pages: axe-core
 * finds no serious or critical violation on any of them, and a researcher can do the viewer's whole
 * job from the keyboard (sign in, open a session, step through actions, play, pause, get help).
 */

const position = async (viewer: Page) => Number(await currentOption(viewer).getAttribute('aria-posinset'));

test('the viewer passes axe on every screen and works from the keyboard alone', async ({ server, app, ext }) => {
  const { actions } = await recordSession({ server, app, ext });
  const viewer = await openViewer(ext.context, server.url);
  expect(await seriousViolations(viewer), 'sign-in').toEqual([]);

  // Sign in: Tab to the token field, type, Enter.
  const tokenField = viewer.getByLabel('Reader token');
  for (let i = 0; i < 10 && !(await tokenField.evaluate((el) => el === document.activeElement)); i++) await viewer.keyboard.press('Tab');
  await expect(tokenField).toBeFocused();
  await viewer.keyboard.type(server.readToken);
  await viewer.keyboard.press('Enter');
  await expect(viewer.getByRole('heading', { name: 'Sessions' })).toBeVisible();
  expect(await seriousViolations(viewer), 'session list').toEqual([]);

  // Open the session: Tab to its link, Enter.
  const link = viewer.locator('tbody tr').first().getByRole('link', { name: app.origin });
  for (let i = 0; i < 40 && !(await link.evaluate((el) => el === document.activeElement)); i++) await viewer.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await viewer.keyboard.press('Enter');
  await expect(viewer.getByRole('heading', { name: app.origin, level: 1 })).toBeVisible();
  await waitUntilLoaded(viewer);
  expect(await seriousViolations(viewer), 'session').toEqual([]);

  // → and ← step through every action, one at a time, each way.
  await viewer.locator('body').focus();
  await viewer.keyboard.press('ArrowRight');
  await expect.poll(() => position(viewer)).toBe(1);
  for (let n = 2; n <= actions.length; n++) {
    await viewer.keyboard.press('ArrowRight');
    await expect.poll(() => position(viewer), { message: `ArrowRight to action ${n}` }).toBe(n);
  }
  for (let n = actions.length - 1; n >= 1; n--) {
    await viewer.keyboard.press('ArrowLeft');
    await expect.poll(() => position(viewer), { message: `ArrowLeft to action ${n}` }).toBe(n);
  }

  // Space plays (to the end, where it stops) and pauses.
  await viewer.keyboard.press(' ');
  await expect.poll(() => position(viewer), { timeout: 20_000 }).toBe(actions.length);
  await expect(viewer.getByRole('button', { name: 'Play' })).toBeVisible();

  // f makes the player full size (the replay grows wider), f again or Esc leaves it.
  const fullSize = viewer.locator('button[aria-keyshortcuts="f"]');
  const stageWidth = () => viewer.locator('.replay-column').evaluate((el) => el.getBoundingClientRect().width);
  const normalWidth = await stageWidth();
  await viewer.keyboard.press('f');
  await expect(fullSize).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(stageWidth).toBeGreaterThan(normalWidth);
  await viewer.keyboard.press('Escape');
  await expect(fullSize).toHaveAttribute('aria-pressed', 'false');
  await viewer.keyboard.press('f');
  await expect(fullSize).toHaveAttribute('aria-pressed', 'true');
  await viewer.keyboard.press('f');
  await expect(fullSize).toHaveAttribute('aria-pressed', 'false');

  // Every timeline colour is named in the legend, pauses and gaps included.
  const legend = viewer.getByRole('list', { name: 'Timeline legend' });
  await expect(legend).toContainText('pause or gap');
  await expect(legend).toContainText('page load');

  // ? opens the shortcuts' help, which axe checks too; Esc closes it.
  await viewer.keyboard.press('?');
  const help = viewer.getByRole('dialog');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Previous / next action');
  expect(await seriousViolations(viewer), 'help dialog').toEqual([]);
  await viewer.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test("the employee's pages pass axe: popup, consent, options, my data", async ({ server, app, ext }) => {
  await recordSession({ server, app, ext });
  const page = await ext.context.newPage();
  const found: Record<string, string[]> = {};
  for (const name of ['popup', 'consent', 'options', 'my-data']) {
    await page.goto(ext.extensionUrl(`${name}.html`));
    await expect(page.locator('h1, h2').first()).toBeVisible();
    found[name] = await seriousViolations(page);
  }
  expect(found).toEqual({ popup: [], consent: [], options: [], 'my-data': [] });
});
