import type { Page } from 'playwright';
import type { Status } from '../lib/schema/extension-messages';
import type { Policy } from '../lib/schema/policy';
import type { SessionAction, SessionSummary } from '../lib/schema/read-api';
import { INDICATOR_DOT_RGB, INDICATOR_TAG } from '../lib/recorder/indicator/indicator-tag';
import { askWorker } from './support/extension-control';
import { filesMentioning } from './support/files-mentioning';
import { test, expect } from './support/fixtures';
import { launchWithExtension, type ExtensionBrowser } from './support/launch-extension';
import { policyUnavailableReason, removePolicy, writePolicy } from './support/managed-policy';
import { searchImages, serveShotPages } from './support/shot-pixels';
import type { RunningServer } from './support/start-server';
import { enableCapture } from './support/extension-control';
import { waitRecording } from './support/grid-page';
import { badgeOf, tabIdOf } from './support/tab-id';
import { tabTo } from './support/tab-to';

/**
 * The in-page recording indicator (issue 19), under a real policy file: shown while a page is
 * recorded, gone when paused or switched off by policy; a click opens the controls and is no
 * action; none of its text, tag or colour reaches the server's disk or any screenshot.
 */
test.describe.configure({ mode: 'serial' });

/** Strings only the indicator carries: its tag, its tooltip and its accessible name. */
const INDICATOR_STRINGS = [INDICATOR_TAG, 'This page is being recorded', 'Open recording controls'];
/** Tighter than the magenta canary's: WebP keeps a flat 14 px dot close to its colour. */
const DOT = { rgb: INDICATOR_DOT_RGB, tolerance: 40 };

async function agree(ext: ExtensionBrowser): Promise<void> {
  await expect.poll(async () => ((await askWorker(ext, { kind: 'get-status', url: null })) as Status).config.source).toBe('policy');
  const status = (await askWorker(ext, { kind: 'get-status', url: null })) as Status;
  expect(await askWorker(ext, { kind: 'give-consent', version: status.consent.required })).toMatchObject({ ok: true });
}

async function recorded(ext: ExtensionBrowser, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  const tabId = await tabIdOf(ext, page);
  await expect.poll(() => badgeOf(ext, tabId)).toBe('REC');
  return { page, tabId };
}

/** How many files on the server's disk hold the recorded page (its title), after asking for an upload. */
async function uploadedPage(ext: ExtensionBrowser, dataDir: string): Promise<number> {
  await askWorker(ext, { kind: 'upload-now' });
  return (await filesMentioning(dataDir, ['Screenshot canary'])).length;
}

/** The recorded session's clicks on its <h1> and all its actions on the server (through the read API), after asking for an upload. */
async function actionsOnServer(ext: ExtensionBrowser, server: RunningServer): Promise<{ h1Clicks: number; total: number }> {
  await askWorker(ext, { kind: 'upload-now' });
  const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
  const actions = (
    await Promise.all(sessions.map((s) => server.read<{ actions: SessionAction[] }>(`/v1/sessions/${s.id}/actions`)))
  ).flatMap((a) => a.actions);
  return { h1Clicks: actions.filter((a) => a.type === 'click' && a.target?.tag === 'h1').length, total: actions.length };
}

async function skipWithoutPolicy() {
  const unavailable = await policyUnavailableReason();
  test.skip(unavailable !== null && !process.env.CI, unavailable ?? '');
  if (unavailable) throw new Error(`CI must run the managed-policy test: ${unavailable}`);
}

test('shown while recorded, opens the controls, never in the recording or a screenshot; gone when paused', async ({ server }, testInfo) => {
  test.setTimeout(150_000);
  await skipWithoutPolicy();
  const pages = await serveShotPages();
  let ext: ExtensionBrowser | null = null;
  try {
    await writePolicy({
      ingestEndpoint: server.url,
      ingestToken: server.ingestToken,
      allowedSites: ['http://localhost/*'],
      captureOnByDefault: true,
      employeesMayChangeSites: false,
      // A byte budget that never binds: the first shot at once, not when 15 MB/h has paid for it.
      screenshots: { sites: ['http://localhost/*'], periodicSeconds: 2, maxMegabytesPerHour: 1000 },
    } satisfies Policy);
    ext = await launchWithExtension({ viewport: null });
    await agree(ext);
    const { page } = await recorded(ext, `http://localhost:${pages.port}/shots/`);

    // Visible: in the bottom right corner, its dot's colour on the screen (Playwright's own screenshot).
    const host = page.locator(INDICATOR_TAG);
    await expect(host).toHaveCount(1);
    await expect(host).toBeVisible();
    const box = (await host.boundingBox())!;
    const viewport = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
    expect(box.x + box.width).toBeGreaterThan(viewport.w - 40);
    expect(box.y + box.height).toBeGreaterThan(viewport.h - 40);
    // Reduced motion: the dot does not pulse (its opacity would move it away from its colour half the time).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const seen = await page.screenshot();
    await testInfo.attach('indicator-on-recorded-page.png', { body: seen, contentType: 'image/png' });
    const [onScreen] = await searchImages(page, [{ key: 'screen', base64: seen.toString('base64') }], false, DOT);
    expect(onScreen!.canaryPixels).toBeGreaterThan(20);
    // Its name is outside the page's tree: the page's own queries do not find it in <body>.
    expect(await page.evaluate((tag) => document.body.querySelector(tag), INDICATOR_TAG)).toBeNull();

    // A click (the person's, trusted) opens the controls. chrome.action.openPopup() works in this
    // Chromium (headless too), but Playwright lists no page for an action popup: the worker's
    // runtime.getContexts() sees it. (Where openPopup is refused, the popup page opens in a window.)
    await page.locator('h1').click();
    const popups = () =>
      ext!.worker.evaluate(async () =>
        (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.POPUP] })).map((c) => c.documentUrl ?? ''),
      );
    expect(await popups()).toEqual([]);
    // The page's click is one action on the server.
    await expect.poll(() => actionsOnServer(ext!, server), { timeout: 30_000 }).toMatchObject({ h1Clicks: 1 });
    const before = await actionsOnServer(ext, server);
    await host.click();
    await expect.poll(popups, { timeout: 10_000 }).toEqual([expect.stringContaining('/popup.html')]);

    // Its click is no action: once one more click on the page's <h1> has reached the server (so
    // anything recorded before it has too), the session holds exactly one action more, that click.
    await page.locator('h1').click();
    await expect.poll(() => actionsOnServer(ext!, server), { timeout: 30_000 }).toMatchObject({ h1Clicks: 2 });
    expect(await actionsOnServer(ext, server)).toEqual({ h1Clicks: 2, total: before.total + 1 });

    // Screenshots: e2e/screenshots.spec.ts searches every uploaded shot for the mark's dot colour.
    await expect.poll(() => uploadedPage(ext!, server.dataDir), { timeout: 30_000 }).toBeGreaterThan(0);

    // Every byte on the server's disk: no tag, tooltip or name of it (no node, placeholder or action target).
    expect(await filesMentioning(server.dataDir, INDICATOR_STRINGS)).toEqual([]);
    // Paused: no mark (the page is not recorded, so nothing claims it is).
    await page.bringToFront();
    expect(await askWorker(ext, { kind: 'pause', minutes: 15 })).toMatchObject({ ok: true });
    await expect(host).toHaveCount(0);
  } finally {
    await ext?.close();
    await pages.close();
    await removePolicy();
  }
});

test('policy recordingIndicator: false: the page is recorded without the mark', async ({ server }) => {
  test.setTimeout(90_000);
  await skipWithoutPolicy();
  const pages = await serveShotPages();
  let ext: ExtensionBrowser | null = null;
  try {
    await writePolicy({
      ingestEndpoint: server.url,
      ingestToken: server.ingestToken,
      allowedSites: ['http://localhost/*'],
      captureOnByDefault: true,
      employeesMayChangeSites: false,
      recordingIndicator: false,
    } satisfies Policy);
    ext = await launchWithExtension({ viewport: null });
    await agree(ext);
    const { page } = await recorded(ext, `http://localhost:${pages.port}/shots/`);
    await page.locator('h1').click();
    // Recorded and uploaded (the page's title is on the server's disk), and still no mark.
    await expect.poll(() => uploadedPage(ext!, server.dataDir), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.locator(INDICATOR_TAG)).toHaveCount(0);
  } finally {
    await ext?.close();
    await pages.close();
    await removePolicy();
  }
});

test('by keyboard: Enter on the mark opens the popup; Space, where openPopup is refused, the controls in a window for that tab', async ({
  server,
  ext,
  app,
}, testInfo) => {
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/`);
  await waitRecording(ext, page, 0, server.read);
  await expect(page.locator(INDICATOR_TAG)).toBeVisible();
  const popups = () =>
    ext.worker.evaluate(async () =>
      (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.POPUP] })).map((c) => c.documentUrl ?? ''),
    );
  expect(await popups()).toEqual([]);

  // Keyboard only: Tab reaches the mark after the page's own controls, Enter opens the popup.
  await tabTo(page, INDICATOR_TAG);
  await page.keyboard.press('Enter');
  await expect.poll(popups, { timeout: 10_000 }).toEqual([expect.stringContaining('/popup.html')]);

  // Refused openPopup, forced from the test's DevTools session into the worker: no page can reach
  // it (nothing in the extension listens for such a switch), and it ends with this browser.
  await ext.worker.evaluate(() => {
    chrome.action.openPopup = () => Promise.reject(new Error('refused by the test'));
  });
  const tabId = await tabIdOf(ext, page);
  const opened = ext.context.waitForEvent('page', (p) => p.url().includes('/popup.html'));
  // Back on the page the popup closes (as it does when it loses focus): what opens next is new.
  await page.bringToFront();
  await expect.poll(popups, { timeout: 10_000 }).toEqual([]);
  await tabTo(page, INDICATOR_TAG);
  await page.keyboard.press('Space');
  const controls = await opened;
  expect(new URL(controls.url()).searchParams.get('tabId')).toBe(String(tabId));
  await expect(controls.locator('#capture')).toHaveText('Recording.');
  await controls.screenshot({ path: testInfo.outputPath('controls-window.png'), fullPage: true });
  // A window of the extension's own, not an action popup.
  expect(await popups()).toEqual([]);
});
