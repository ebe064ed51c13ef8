import { randomUUID } from 'node:crypto';
import type { Chunk } from '../lib/schema/chunk';
import { ACTION_EVENT_TAG } from '../lib/schema/action';
import { pageEndEvent } from '../lib/schema/page-end';
import type { SessionSummary } from '../lib/schema/read-api';
import type { RrwebEvent } from '../lib/schema/rrweb-event';
import { enableCapture } from './support/extension-control';
import { seriousViolations } from './support/axe-violations';
import { test, expect } from './support/fixtures';
import { waitRecording } from './support/grid-page';
import { clickAction, fullSnapshot, uploadChunks } from './support/seed-sessions';
import { listStatus, openViewer, signIn } from './support/viewer-page';
import { waitSessionComplete } from './support/wait-session-complete';

/**
 * Issue 19's session list: each row says what the session was (titles, pages
 * visited, actions by kind), when it was busy (a sparkline of the summary kept
 * at ingest) and whether it is whole, still recording or missing parts (the
 * completeness endpoint). Sessions go in through the real ingest API.
 */
const SITE = 'https://shop.example';

const click = (t: number, url: string, k = 0): RrwebEvent => ({
  type: 5,
  timestamp: t,
  data: { tag: ACTION_EVENT_TAG, payload: clickAction(t, url, k) },
});

function page(sessionId: string, pageNo: number, at: number, docTitle: string, body: RrwebEvent[], ended: number | null): Chunk {
  const url = `${SITE}/p${pageNo}`;
  const events: RrwebEvent[] = [
    { type: 4, timestamp: at, data: { href: url, width: 1024, height: 640 } },
    fullSnapshot(at, docTitle, docTitle),
    ...body,
    ...(ended === null ? [] : [pageEndEvent(ended, 'pagehide')]),
  ];
  return { sessionId, page: pageNo, seq: 0, site: SITE, url, events };
}

test('each row shows the titles, pages visited, actions, a sparkline of activity and a complete / live / incomplete badge', async ({
  server,
  ext,
}, testInfo) => {
  // An hour ago, on whole seconds: two pages over 230 s, actions at 0, 10, 115 (x3) and 229 s, both pages ended.
  const t0 = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
  const whole = randomUUID();
  await uploadChunks(server.url, server.ingestToken, [
    page(whole, 0, t0, 'Orders', [click(t0, `${SITE}/p0`), click(t0 + 10_000, `${SITE}/p0`, 1)], t0 + 100_000),
    page(
      whole,
      1,
      t0 + 110_000,
      'New order',
      [0, 1, 2].map((k) => click(t0 + 115_000, `${SITE}/p1`, k)).concat(click(t0 + 229_000, `${SITE}/p1`)),
      t0 + 230_000,
    ),
  ]);
  // Seconds ago and not ended: still recording.
  const live = randomUUID();
  const now = Date.now() - 5_000;
  await uploadChunks(server.url, server.ingestToken, [page(live, 0, now, 'Inbox', [click(now + 100, `${SITE}/p0`)], null)]);
  // Two hours ago, its second chunk never arrived (seq 0 and 2 only).
  const holed = randomUUID();
  const t1 = t0 - 3_600_000;
  await uploadChunks(server.url, server.ingestToken, [
    page(holed, 0, t1, 'Reports', [click(t1 + 1000, `${SITE}/p0`)], null),
    {
      sessionId: holed,
      page: 0,
      seq: 2,
      site: SITE,
      url: `${SITE}/p0`,
      events: [click(t1 + 6000, `${SITE}/p0`), pageEndEvent(t1 + 7000, 'stop')],
    },
  ]);

  const viewer = await openViewer(ext.context, server.url);
  const outlines: string[] = [];
  viewer.on('request', (r) => void (r.url().endsWith('/outline') && outlines.push(r.url())));
  await signIn(viewer, server.readToken);
  await expect(listStatus(viewer)).toHaveText('Showing 1\u20133 of 3 sessions');
  // Newest first: live, whole, holed.
  const rows = viewer.locator('tbody tr');
  const [liveRow, wholeRow, holedRow] = [rows.nth(0), rows.nth(1), rows.nth(2)];

  await expect(wholeRow.locator('.titles')).toHaveText('Orders \u2192 New order');
  await expect(wholeRow.locator('.page-count')).toHaveText('2 pages visited');
  await expect(wholeRow.locator('.counts')).toHaveText('6 clicks');
  await expect(wholeRow.locator('.badge')).toHaveText('Complete');
  // 24 stretches of 230 s; actions fall in the 1st, 2nd, 13th and 24th.
  const spark = wholeRow.getByRole('img', { name: /^Activity:/ });
  await expect(spark).toHaveAttribute('aria-label', 'Activity: 6 actions; busiest in part 13 of 24 of the session.');
  await expect(spark.locator('rect.bar')).toHaveCount(4);
  expect(await spark.locator('rect.bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-count')))).toEqual([
    '1',
    '1',
    '3',
    '1',
  ]);

  await expect(liveRow.locator('.titles')).toHaveText('Inbox');
  await expect(liveRow.locator('.page-count')).toHaveText('1 page visited');
  await expect(liveRow.locator('.badge')).toHaveText('Live');
  await expect(liveRow.locator('.badge')).toHaveAttribute('title', 'Still recording: 1 page not ended yet.');
  await expect(liveRow.getByRole('img', { name: /^Activity:/ }).locator('rect.bar')).toHaveCount(1);

  await expect(holedRow.locator('.titles')).toHaveText('Reports');
  await expect(holedRow.locator('.badge')).toHaveText('Incomplete');
  await expect(holedRow.locator('.badge')).toHaveAttribute('title', '1 stretch of chunks missing.');

  // Everything but the badge came with the list: no session was read again for its outline.
  expect(outlines).toEqual([]);

  // The legend says what each badge means, "live" included.
  const legend = viewer.getByLabel('What the states mean');
  await expect(legend).toContainText('Live');
  await expect(legend).toContainText('less than 2 minutes ago');

  const shot = testInfo.outputPath('viewer-list-rows.png');
  await viewer.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('the session list: titles, pages, actions, sparkline and badges', { path: shot, contentType: 'image/png' });
});

test('one tab that loads three pages on two sites is one row naming every page, opening its first session', async ({
  server,
  ext,
  app,
}) => {
  test.setTimeout(90_000);
  const second = app.origin.replace('127.0.0.1', 'localhost');
  for (const origin of [app.origin, second]) {
    await enableCapture(ext, { origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  }
  const tab = await ext.context.newPage();
  const load = async (url: string, pageNo: number, click: string, after: string | null = null): Promise<string> => {
    await tab.goto(url);
    // Until the worker assigns the new page, the tab's record still names the session before it.
    let id = '';
    await expect.poll(async () => (id = await waitRecording(ext, tab, pageNo, server.read))).not.toBe(after);
    // A real click on each page: the row's action count is the sum of its sessions'.
    await tab.locator(click).first().click();
    return id;
  };
  // Two pages on the first site are one session; the other site in the same tab is the next.
  const first = await load(`${app.origin}/`, 0, '#email');
  expect(await load(`${app.origin}/app.html`, 1, 'a[data-route]')).toBe(first);
  const then = await load(`${second}/components.html`, 0, '#add', first);
  await tab.goto('about:blank');
  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  for (const id of [first, then]) await waitSessionComplete(control, server.read, id);
  await control.close();

  const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
  const count = (type?: string) =>
    sessions.reduce(
      (n, s) => n + Object.entries(s.actionCounts).reduce((m, [t, k]) => m + (type === undefined || t === type ? k : 0), 0),
      0,
    );
  const [clicks, total] = [count('click'), count()];
  expect(clicks).toBeGreaterThanOrEqual(3);

  const viewer = await openViewer(ext.context, server.url);
  const outlines: string[] = [];
  viewer.on('request', (r) => void (r.url().endsWith('/outline') && outlines.push(r.url())));
  await signIn(viewer, server.readToken);
  await expect(listStatus(viewer)).toHaveText(/^Showing 1\u20131 of 1 session/);
  const row = viewer.locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('.titles')).toHaveText('Acme Orders \u2013 Sign in \u2192 Acme Orders \u2192 Components');
  await expect(row.locator('.page-count')).toHaveText('3 pages visited');
  // The sessions' actions summed: the total, the clicks among them, and one sparkline of them all.
  await expect(row.locator('.total')).toHaveText(String(total));
  await expect(row.locator('.counts')).toContainText(`${clicks} click`);
  await expect(row.getByRole('img', { name: /^Activity:/ })).toHaveAttribute('aria-label', new RegExp(`^Activity: ${total} actions;`));
  await expect(row.locator('.badge')).toHaveText('Complete');
  const parts = row.getByRole('list', { name: '2 sessions in this tab' }).getByRole('link');
  await expect(parts).toHaveText([`Acme Orders \u2013 Sign in (${new URL(app.origin).host})`, `Components (${new URL(second).host})`]);
  expect(outlines).toEqual([]);
  expect(await seriousViolations(viewer), 'a stitched row').toEqual([]);

  // The site opens the first session; the other is one link away.
  await row.getByRole('link', { name: app.origin }).click();
  await expect(viewer).toHaveURL(new RegExp(`#/sessions/${first}$`));
  // From the player too: the tab's sessions in order, the open one marked.
  const run = viewer.getByRole('navigation', { name: 'Sessions of this tab' });
  await expect(run.getByRole('listitem')).toHaveText(['1. Acme Orders \u2013 Sign in', '2. Components']);
  await expect(run.locator('[aria-current=page]')).toHaveText('1. Acme Orders \u2013 Sign in');
  expect(await seriousViolations(viewer), "the session page with its tab's sessions").toEqual([]);
  await run.getByRole('link', { name: '2. Components' }).click();
  await expect(viewer).toHaveURL(new RegExp(`#/sessions/${then}$`));
  await expect(run.locator('[aria-current=page]')).toHaveText('2. Components');
  await viewer.goBack();
  await viewer.goBack();
  await parts.nth(1).click();
  await expect(viewer).toHaveURL(new RegExp(`#/sessions/${then}$`));
});
