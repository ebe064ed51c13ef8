import type { SettingsAnswer, Status } from '../lib/schema/extension-messages';
import type { Policy } from '../lib/schema/policy';
import { askWorker } from './support/extension-control';
import { test, expect } from './support/fixtures';
import { launchWithExtension, type ExtensionBrowser } from './support/launch-extension';
import { policyUnavailableReason, removePolicy, writePolicy } from './support/managed-policy';
import { serveShotPages, shotCounters } from './support/shot-pixels';
import { badgeOf, tabIdOf } from './support/tab-id';

/**
 * Screenshots only where the admin's real policy file turns them on (issue 15): never on a
 * recorded site outside `screenshots.sites`, never with `screenshots: "off"`.
 */
test.describe.configure({ mode: 'serial' });

const SHOTS_SITES = ['http://localhost/*'];

async function agree(ext: ExtensionBrowser): Promise<Status> {
  // The policy's screenshots raise the consent version: agree to the one required.
  await expect.poll(async () => ((await askWorker(ext, { kind: 'get-status', url: null })) as Status).config.source).toBe('policy');
  const status = (await askWorker(ext, { kind: 'get-status', url: null })) as Status;
  expect(await askWorker(ext, { kind: 'give-consent', version: status.consent.required })).toMatchObject({ ok: true });
  return status;
}

async function recordFor(ext: ExtensionBrowser, url: string, seconds: number) {
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  const tabId = await tabIdOf(ext, page);
  await expect.poll(() => badgeOf(ext, tabId)).toBe('REC');
  await page.locator('#name').click();
  await page.keyboard.type('typed');
  await page.locator('h1').click();
  // The page's own ticker (every 700 ms): the window in which periodic shots (every 2 s) would have been taken.
  await expect
    .poll(async () => Number(await page.locator('#tick').textContent()), { timeout: seconds * 2000 })
    .toBeGreaterThan(seconds / 0.7);
  return { page, tabId };
}

test('shots follow the policy file: none outside screenshots.sites, none when off', async ({ server }) => {
  test.setTimeout(120_000);
  const unavailable = await policyUnavailableReason();
  test.skip(unavailable !== null && !process.env.CI, unavailable ?? '');
  if (unavailable) throw new Error(`CI must run the managed-policy test: ${unavailable}`);
  const pages = await serveShotPages();
  const base: Policy = {
    ingestEndpoint: server.url,
    ingestToken: server.ingestToken,
    allowedSites: ['http://127.0.0.1/*', 'http://localhost/*'],
    captureOnByDefault: true,
    employeesMayChangeSites: false,
  };
  const outside = `http://127.0.0.1:${pages.port}/shots/`;
  const inside = `http://localhost:${pages.port}/shots/`;
  let ext: ExtensionBrowser | null = null;
  try {
    // The admin's byte budget, through the real policy file: high enough that it never binds here.
    await writePolicy({ ...base, screenshots: { sites: SHOTS_SITES, periodicSeconds: 2, maxMegabytesPerHour: 1000 } });
    ext = await launchWithExtension({ viewport: null });
    const status = await agree(ext);
    expect(status.consent.required).toBe(2);
    const settings = (await askWorker(ext, { kind: 'get-settings' })) as SettingsAnswer;
    expect(settings.config.screenshots?.maxMegabytesPerHour).toBe(1000);
    const consent = await ext.context.newPage();
    await consent.goto(ext.extensionUrl('consent.html'));
    await expect(consent.locator('#shots-notice')).toBeVisible();
    await expect(consent.locator('#shots-sites')).toHaveText(SHOTS_SITES.join(', '));

    // Recorded, but not a screenshot site: nothing, over several periodic intervals.
    const out = await recordFor(ext, outside, 6);
    expect(await shotCounters(ext)).toMatchObject({ stored: 0, queued: 0 });
    const popup = await ext.context.newPage();
    await popup.goto(ext.extensionUrl(`popup.html?tabId=${out.tabId}`));
    await expect(popup.locator('#capture')).toHaveText('Recording.');
    await expect(popup.locator('#shots')).toBeHidden();

    // The control: the same browser and policy do shoot the site it names.
    const inn = await recordFor(ext, inside, 1);
    await expect.poll(async () => (await shotCounters(ext!)).stored, { timeout: 20_000 }).toBeGreaterThan(0);
    await popup.goto(ext.extensionUrl(`popup.html?tabId=${inn.tabId}`));
    await expect(popup.locator('#shots')).toBeVisible();
    await ext.close();

    // Off: nothing on the site that was shot before.
    await writePolicy({ ...base, screenshots: 'off' });
    ext = await launchWithExtension({ viewport: null });
    expect((await agree(ext)).consent.required).toBe(1);
    await recordFor(ext, inside, 6);
    expect(await shotCounters(ext)).toMatchObject({ stored: 0, discarded: 0, queued: 0 });
  } finally {
    await ext?.close();
    await removePolicy();
    await pages.close();
  }
});
