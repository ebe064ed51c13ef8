import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { bigSession, uploadChunks } from './support/seed-sessions';
import { uploadShots, type SeedShot } from './support/seed-shots';
import { openViewer, replayTime, sessionStatus, signIn, waitUntilLoaded } from './support/viewer-page';

/**
 * Screenshots in the viewer (issue 15): a session with real shots (WebPs
 * made in the browser, posted through the ingest route with the ingest
 * token, read back through the read API with the viewer's cookie) shows its
 * filmstrip, lazily loaded; a thumbnail seeks the replay; the shot nearest
 * the playhead follows it; each action shows its own before/after shots.
 */
const colour = (i: number) => `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(-6)}`;

async function pixel(viewer: Page, selector: string): Promise<number[]> {
  return viewer.locator(selector).evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(img.naturalWidth >> 1, img.naturalHeight >> 1, 1, 1).data.slice(0, 3));
  });
}
const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));

test('a session with screenshots shows its filmstrip, thumbnails seek the replay, the nearest shot follows the playhead', async ({
  server,
  ext,
}) => {
  const now = Date.now() - 120_000;
  const site = 'https://shots.example';
  const big = bigSession({ site, events: 800, actionEvery: 25, gapMs: 60, t0: now });
  const installId = await uploadChunks(server.url, server.ingestToken, big.chunks);
  const plain = bigSession({ site: 'https://noshots.example', events: 200, actionEvery: 25, gapMs: 60, t0: now - 600_000 });
  await uploadChunks(server.url, server.ingestToken, plain.chunks);
  const viewer = await openViewer(ext.context, server.url);
  await viewer.setViewportSize({ width: 1400, height: 900 });
  await signIn(viewer, server.readToken);

  // Actions 0 and 1 each get a before-action and an after-action shot; periodic ones every second between.
  const firstPage = big.actions.filter((a) => a.t - now < 23_000);
  const shots: SeedShot[] = [];
  for (const a of firstPage.slice(0, 2)) {
    shots.push({ takenAt: a.t - 200, requestedAt: a.t - 250, trigger: 'before-action', colour: '' });
    shots.push({ takenAt: a.t + 400, requestedAt: a.t + 380, trigger: 'after-action', colour: '' });
  }
  for (let j = 0; j < 22; j++)
    shots.push({ takenAt: now + 700 + 1000 * j, requestedAt: now + 700 + 1000 * j, trigger: 'periodic', colour: '' });
  shots.sort((a, b) => a.takenAt - b.takenAt);
  shots.forEach((s, i) => (s.colour = colour(i + 1)));
  await uploadShots(viewer, server, { sessionId: big.sessionId, installId, site, url: `${site}/page-1`, page: 0 }, shots);

  await viewer.getByRole('link', { name: site }).click();
  await waitUntilLoaded(viewer);
  const strip = viewer.getByRole('group', { name: 'Screenshots, by time' });
  const thumbs = strip.getByRole('button');
  await expect(thumbs).toHaveCount(shots.length);
  const { violations } = await new AxeBuilder({ page: viewer }).include('.session').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const offsetOf = (s: SeedShot) => s.takenAt - now;

  // Lazy: the first thumbnails have their images, the far end of the crowded strip not yet.
  await expect(thumbs.first().locator('img')).toHaveAttribute('src', /\/v1\/sessions\/.+\/shots\/0\/\d+$/);
  await expect(thumbs.last().locator('img')).not.toHaveAttribute('src', /./);
  // Keyboard: one tab stop, End reaches the last, which then loads.
  await thumbs.first().focus();
  await viewer.keyboard.press('End');
  await expect(thumbs.last()).toBeFocused();
  await expect(thumbs.last().locator('img')).toHaveAttribute('src', new RegExp(`/shots/0/${shots.at(-1)!.takenAt}$`));
  expect(
    await thumbs
      .last()
      .locator('img')
      .evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
  ).toBe(320);

  // Enter on a thumbnail (a periodic one) seeks the replay to it; the nearest shot beside the replay is that one.
  const nearest = viewer.getByRole('figure', { name: 'Screenshot nearest the playhead' });
  const k = shots.findIndex((s) => s.trigger === 'periodic' && offsetOf(s) > 10_000);
  await thumbs.nth(k).focus();
  await viewer.keyboard.press('Enter');
  await expect.poll(() => replayTime(viewer)).toBe(offsetOf(shots[k]!));
  await expect(nearest.locator('img')).toHaveAttribute('src', new RegExp(`/shots/0/${shots[k]!.takenAt}$`));
  await expect(nearest).toContainText('at the playhead, periodic');
  const seen = await pixel(viewer, '.shot-nearest img');
  rgb(shots[k]!.colour).forEach((v, c) => expect(Math.abs(seen[c]! - v), `channel ${c}`).toBeLessThanOrEqual(8));

  // A click on another thumbnail moves it again.
  await thumbs.nth(2).click();
  await expect.poll(() => replayTime(viewer)).toBe(offsetOf(shots[2]!));
  await expect(nearest.locator('img')).toHaveAttribute('src', new RegExp(`/shots/0/${shots[2]!.takenAt}$`));

  // Choosing action 2 (the second click): its own before-action shot, 200 ms earlier, is the nearest; its row shows before and after.
  const row = viewer.locator('#action-1');
  await row.scrollIntoViewIfNeeded();
  await row.click();
  const action = firstPage[1]!;
  await expect.poll(() => replayTime(viewer)).toBe(action.t - now);
  await expect(nearest.locator('img')).toHaveAttribute('src', new RegExp(`/shots/0/${action.t - 200}$`));
  await expect(nearest).toContainText('0.2 s before the playhead, taken before an action');
  await expect(row.locator('img.action-shot.before')).toHaveAttribute('src', new RegExp(`/shots/0/${action.t - 200}$`));
  await expect(row.locator('img.action-shot.after')).toHaveAttribute('src', new RegExp(`/shots/0/${action.t + 400}$`));
  await expect(viewer.locator('#action-3 .action-shots')).toHaveCount(0);

  // Playing: once paused, the nearest shot is the one nearest where the replay stopped.
  await viewer.getByLabel('Speed').selectOption('4');
  await viewer.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => replayTime(viewer), { timeout: 15_000 }).toBeGreaterThan(action.t - now + 6_000);
  await viewer.getByRole('button', { name: 'Pause' }).click();
  const t = await replayTime(viewer);
  const expected = shots.reduce((best, s) => (Math.abs(offsetOf(s) - t) < Math.abs(offsetOf(best) - t) ? s : best));
  await expect(nearest.locator('img')).toHaveAttribute('src', new RegExp(`/shots/0/${expected.takenAt}$`));
  await expect(thumbs.nth(shots.indexOf(expected))).toHaveAttribute('aria-current', 'true');

  // A session without shots: no filmstrip, no nearest shot, no error.
  await viewer.getByRole('link', { name: 'All sessions' }).click();
  await viewer.getByRole('link', { name: 'https://noshots.example' }).click();
  await waitUntilLoaded(viewer);
  await expect(sessionStatus(viewer)).toHaveText(/^Loaded [\d,]+ events\.$/);
  await expect(strip).toBeHidden();
  await expect(nearest).toBeHidden();
  await expect(viewer.locator('.action-shots')).toHaveCount(0);
});
