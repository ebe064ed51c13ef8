import { test, expect } from './support/fixtures';
import type { Action } from '../lib/schema/action';
import { PAGE_END_EVENT_TAG, pageEndPayloadSchema } from '../lib/schema/page-end';
import { finishRecording, openRecorded } from './support/record-page';
import { checkReplayedSelectors, openReplay } from './support/replayed-selectors';

/**
 * e2e/app/frames.html through the built extension: only the person's input
 * becomes an action; a same-origin iframe acts like the top document; a
 * shadow-DOM target's selector resolves from the document; the viewport
 * travels with the actions.
 */
const described = (actions: Action[]) => actions.map((a) => `${a.type} ${a.target?.role} "${a.target?.name}"`).join('\n');

test('clicks and keys a page script dispatches make no action, and are counted in the page stats', async ({ server, app, ext }) => {
  const page = await openRecorded(ext, server, app.origin, `${app.origin}/frames.html`);
  await page.getByRole('button', { name: 'Open ticket' }).click();
  await expect(page.locator('#status')).toHaveText('Escalated');
  const session = await finishRecording(ext, server, page);

  const clicks = session.actions.filter((a) => a.type === 'click' || a.type === 'key');
  expect(
    clicks.map((a) => a.target?.name),
    described(session.actions),
  ).toEqual(['Open ticket']);
  const end = session.events.find((e) => (e.data as { tag?: string }).tag === PAGE_END_EVENT_TAG)!;
  const payload = pageEndPayloadSchema.parse((end.data as { payload: unknown }).payload);
  // 5 el.click(), 1 dispatched click, 1 dispatched keydown: at least these 7 were ignored.
  expect(payload.stats!.untrustedEvents).toBeGreaterThanOrEqual(7);
});

test('a same-origin iframe gives actions with its frame path, in top-viewport coordinates; shadow-DOM selectors resolve from the document', async ({
  server,
  app,
  ext,
}) => {
  const page = await openRecorded(ext, server, app.origin, `${app.origin}/frames.html`);
  const initial = page.viewportSize()!;
  await page.setViewportSize({ width: 1000, height: 700 });
  const frame = page.frameLocator('#search-frame');
  await frame.getByRole('searchbox', { name: 'Search articles' }).click();
  await page.keyboard.type('printer');
  await frame.getByRole('button', { name: 'Search' }).click();
  await expect(frame.locator('body')).toHaveAttribute('data-searched', '1');
  const iframeBox = (await page.locator('#search-frame').boundingBox())!;
  await page.locator('#picker').getByRole('button', { name: 'Travel' }).click();
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByRole('button', { name: 'Open ticket' }).click();
  const session = await finishRecording(ext, server, page);
  const { actions } = session;

  const inFrame = actions.filter((a) => a.frame);
  expect(
    inFrame.map((a) => `${a.type} ${a.target?.name}`),
    described(actions),
  ).toEqual(['click Search articles', 'type Search articles', 'click Search', 'submit Search articles']);
  for (const a of inFrame) expect(a.frame).toEqual([{ selector: '#search-frame', nodeId: expect.any(Number) }]);
  const typed = inFrame[1]!;
  expect(typed.value).toEqual({ kind: 'masked', length: 7 });
  const submit = inFrame[3]!;
  expect(submit).toMatchObject({ target: { role: 'form', name: 'Search articles' }, submitter: { name: 'Search' } });
  // bbox and point are in the top-level viewport: inside the iframe's box on the page.
  const click = inFrame[2]!;
  expect(click.target!.bbox!.x).toBeGreaterThan(iframeBox.x);
  expect(click.target!.bbox!.y).toBeGreaterThan(iframeBox.y);
  expect(click.point!.x).toBeGreaterThan(click.target!.bbox!.x);
  expect(click.point!.x).toBeLessThan(click.target!.bbox!.x + click.target!.bbox!.width);
  expect(click.modifiers).toEqual([]);
  // The frame's selectors resolve in the frame, in the live page (loaded again: the recorded one has ended).
  const live = await ext.context.newPage();
  await live.goto(`${app.origin}/frames.html`);
  const first = click.target!.selectors[0]!;
  expect(first.matches).toBe(1);
  const inPlaywright = first.kind === 'xpath' ? `xpath=${first.value}` : first.value;
  await expect(live.frameLocator(click.frame![0]!.selector).locator(inPlaywright)).toHaveText('Search');

  // The shadow-DOM button: its first selector resolves from the document to exactly that button.
  const travel = actions.find((a) => a.target?.name === 'Travel')!;
  expect(travel.target!.selectors[0]!.value).toContain(' >> ');
  await expect(live.locator(travel.target!.selectors[0]!.value)).toHaveCount(1);
  await expect(live.locator(travel.target!.selectors[0]!.value)).toHaveText('Travel');

  // The viewport: on the page's first action, and again on the first action after each change.
  const withViewport = actions.filter((a) => a.viewport);
  expect(withViewport[0]).toBe(actions[0]);
  expect(withViewport.map((a) => [a.viewport!.width, a.viewport!.height, a.target?.name ?? a.type])).toEqual([
    [initial.width, initial.height, 'navigate'],
    [1000, 700, 'Search articles'],
    [800, 600, 'Open ticket'],
  ]);
  expect(withViewport[0]!.viewport!.devicePixelRatio).toBeGreaterThan(0);

  // And in the replay, every first selector (frame ones through their frame) finds its target.
  const replay = await openReplay(ext.context, `${app.origin.replace('127.0.0.1', 'localhost')}/libs/replay.html`, session);
  const replayed = await checkReplayedSelectors(replay, session, 'frames');
  console.log(`[actions] frames page: replayed first selectors find their target ${replayed.ok}/${replayed.checked}`);
  expect(replayed.failures).toEqual([]);
});
