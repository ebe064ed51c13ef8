import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { CUSTOMER, recordSession } from './support/record-viewer-session';
import { bigSession, manySessions, uploadChunks } from './support/seed-sessions';
import {
  currentOption,
  highlightedTarget,
  listStatus,
  openViewer,
  replayFrame,
  replayTime,
  sessionStatus,
  signIn,
  submitToken,
  waitUntilLoaded,
} from './support/viewer-page';

/** Chooses the action whose row reads like `label` and returns its index in the list. */
async function chooseAction(viewer: Page, label: RegExp): Promise<number> {
  const row = viewer.getByRole('option', { name: label }).first();
  await row.scrollIntoViewIfNeeded();
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  return Number(await row.getAttribute('aria-posinset')) - 1;
}

test('the server serves the built viewer as one plain-ASCII page that runs only its own script', async ({ server }) => {
  const res = await fetch(`${server.url}/viewer/`);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(
    bytes.findIndex((b) => b > 0x7f),
    'a non-ASCII byte',
  ).toBe(-1);
  const html = bytes.toString('latin1');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
  expect(html).toContain('<script type="application/json" id="webtrace-session-data"></script>');
  expect(res.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'; /);
});

test('a researcher signs in once per browser: a second tab needs no sign-in, no page holds the token, sign-out asks again in both', async ({
  server,
  ext,
}) => {
  const first = await openViewer(ext.context, server.url);
  await signIn(first, server.readToken);

  // A second tab of the same browser opens straight onto the session list.
  const second = await ext.context.newPage();
  await second.goto(`${server.url}/viewer/`);
  await expect(second.getByRole('heading', { name: 'Sessions' })).toBeVisible();
  await expect(listStatus(second)).toHaveText('No sessions match these filters.');
  await expect(second.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // The browser holds an HttpOnly, SameSite=Strict cookie that is not the token; no page can read the token anywhere.
  const cookies = await ext.context.cookies(server.url);
  expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([['webtrace_viewer', true, 'Strict', '/']]);
  expect(cookies[0]!.value).not.toContain(server.readToken);
  for (const page of [first, second]) {
    const seen = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      field: document.querySelector<HTMLInputElement>('#token')?.value ?? '',
    }));
    expect(seen).toEqual({ local: '{}', session: '{}', cookie: '', field: '' });
  }

  // Sign out in the second tab: both tabs ask for the token again, and so does a reload.
  await second.getByRole('button', { name: 'Sign out' }).click();
  for (const page of [second, first]) {
    await expect(page.getByRole('heading', { name: 'Sign in to the webtrace viewer' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  }
  await expect(first.getByRole('alert')).toContainText('Signed out in another tab');
  expect(await ext.context.cookies(server.url)).toEqual([]);
  await first.reload();
  await expect(first.getByRole('heading', { name: 'Sign in to the webtrace viewer' })).toBeVisible();
  const read = await first.evaluate(async () => (await fetch('/v1/sessions')).status);
  expect(read).toBe(401);
});

test('a recorded session is found in the viewer; choosing an action seeks the replay to it and highlights its target', async ({
  server,
  app,
  ext,
}, testInfo) => {
  const { session, actions } = await recordSession({ server, app, ext });
  const viewer = await openViewer(ext.context, server.url);

  // A wrong token and an ingest token are refused, in plain words; the read token lets the researcher in.
  await submitToken(viewer, 'not-a-real-token-0123456789');
  await expect(viewer.getByRole('alert')).toContainText('did not accept the reader token');
  await expect(viewer.getByRole('alert')).toContainText('unknown token');
  await submitToken(viewer, server.ingestToken);
  await expect(viewer.getByRole('alert')).toContainText('needs a read token, not an ingest token');
  await signIn(viewer, server.readToken);

  await expect(listStatus(viewer)).toHaveText('Showing 1\u20131 of 1 session');
  const row = viewer.locator('tbody tr').first();
  await expect(row.locator('.counts')).toContainText(`${session.actionCounts.click} click`);
  await row.getByRole('link', { name: app.origin }).click();
  await expect(viewer.getByRole('heading', { name: app.origin, level: 1 })).toBeVisible();
  await waitUntilLoaded(viewer);
  await expect(viewer.getByRole('heading', { name: `Actions (${actions.length})` })).toBeVisible();

  // Choose the click on the second row's Edit button.
  const index = await chooseAction(viewer, /click button "Edit"/);
  const edit = actions[index]!;
  expect(edit.target!.name).toBe('Edit');
  const offset = edit.t - session.startedAt;
  await expect.poll(() => replayTime(viewer)).toBeGreaterThanOrEqual(offset - 1);
  expect(Math.abs((await replayTime(viewer)) - offset)).toBeLessThanOrEqual(50);
  // The URL carries the number the list shows beside the action (1-based).
  expect(viewer.url()).toContain(`#/sessions/${session.id}?action=${index + 1}`);
  await expect(viewer.locator(`#action-${index} .action-number`)).toHaveText(`${index + 1}.`);
  // The replay shows the option the select action says was chosen (option values are masked as
  // positions: with every value masked to stars, the replayer chose the first option of that length).
  await expect(replayFrame(viewer).locator('#status option:checked')).toHaveText('Shipped');
  const statusSelect = actions.find((a) => a.type === 'select' && a.target?.name === 'Status')!;
  expect(statusSelect.value).toEqual({ kind: 'label', label: 'Shipped' });
  // The replayed page marks exactly that button: the second row's Edit.
  await expect(highlightedTarget(viewer)).toHaveCount(1);
  await expect(highlightedTarget(viewer)).toHaveText('Edit');
  await expect(replayFrame(viewer).locator('tbody tr:nth-of-type(2) button[data-webtrace-target]')).toHaveCount(1);
  await expect(viewer.locator('.target-note')).toContainText(`the target of action ${index + 1}, button "Edit"`);

  // A typed value appears masked: in the list and in the replayed field, never as typed.
  const typed = await chooseAction(viewer, /type textbox "Customer name"/);
  await expect(viewer.locator(`#action-${typed}`)).toContainText(`typed ${CUSTOMER.length} characters (masked)`);
  await expect(highlightedTarget(viewer)).toHaveAttribute('id', 'customer');
  await expect(highlightedTarget(viewer)).toHaveValue('*'.repeat(CUSTOMER.length));
  expect(await viewer.content()).not.toContain(CUSTOMER);
  expect(await replayFrame(viewer).locator('html').innerHTML()).not.toContain(CUSTOMER);

  await viewer.setViewportSize({ width: 1400, height: 900 });
  const shot = testInfo.outputPath('viewer-session.png');
  await viewer.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('viewer at the chosen action', { path: shot, contentType: 'image/png' });

  // Playing moves the current action along the list, to the last action, where it stops.
  await chooseAction(viewer, /select combobox "Status"/);
  const position = async () => Number(await currentOption(viewer).getAttribute('aria-posinset'));
  await viewer.getByLabel('Speed').selectOption('4');
  await viewer.getByRole('button', { name: 'Play' }).click();
  await expect.poll(position, { timeout: 20_000 }).toBe(actions.length);
  await expect(viewer.getByRole('button', { name: 'Play' })).toBeVisible();
  // Pause stops it where it is. Play and Pause are pressed in one task, so no frame of the replay runs
  // between them whatever the machine's load (two real clicks were flaky: under load the replay reached
  // later actions first); then the replay clock must stand still over the next 30 frames.
  await chooseAction(viewer, /navigate/);
  const first = await position();
  await viewer.getByLabel('Speed').selectOption('1');
  await viewer.getByRole('button', { name: 'Play' }).evaluate((button: HTMLButtonElement) => {
    button.click();
    if (button.textContent !== 'Pause') throw new Error(`Play did not start the replay: the button says ${button.textContent}`);
    button.click();
  });
  await expect(viewer.getByRole('button', { name: 'Play' })).toBeVisible();
  const pausedAt = await replayTime(viewer);
  await viewer.evaluate(
    () =>
      new Promise<void>((done) => {
        let frames = 0;
        const next = () => (++frames >= 30 ? done() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
  );
  expect(await replayTime(viewer)).toBe(pausedAt);
  expect(await position()).toBe(first);

  // A link to the session at an action opens there, after a fresh load of the page.
  await chooseAction(viewer, /click button "Edit"/);
  await viewer.getByRole('button', { name: 'Copy link to this action' }).click();
  await expect(sessionStatus(viewer)).toContainText(`Link to action ${index + 1} copied: `);
  const link = (await sessionStatus(viewer).textContent())!.replace(/^Link to action \d+ copied: /, '');
  expect(link).toBe(`${server.url}/viewer/#/sessions/${session.id}?action=${index + 1}`);
  await viewer.goto('about:blank');
  await viewer.goto(link);
  await expect(viewer.locator(`#action-${index}`)).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => replayTime(viewer), { timeout: 20_000 }).toBeGreaterThanOrEqual(offset - 1);
  await expect(highlightedTarget(viewer)).toHaveText('Edit');

  // Reader tokens cannot write and ingest tokens cannot read.
  const asIngest = await fetch(`${server.url}/v1/sessions/${session.id}/events`, {
    headers: { Authorization: `Bearer ${server.ingestToken}` },
  });
  expect(asIngest.status).toBe(401);
  expect((await asIngest.json()).message).toBe('this endpoint needs a read token, not an ingest token');
  const asReader = await fetch(`${server.url}/v1/batches`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.readToken}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(asReader.status).toBe(401);
});

test('a downloaded session opens from disk with no server: replay, actions and highlight', async ({ server, app, ext }, testInfo) => {
  const { session, actions } = await recordSession({ server, app, ext });
  const viewer = await openViewer(ext.context, server.url);
  await signIn(viewer, server.readToken);
  await viewer.getByRole('link', { name: app.origin }).click();
  await waitUntilLoaded(viewer);
  const [download] = await Promise.all([viewer.waitForEvent('download'), viewer.getByRole('button', { name: 'Download session' }).click()]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^webtrace-127\\.0\\.0\\.1-\\d+-\\d{4}-\\d\\d-\\d\\d-\\d{4}-${session.id.slice(0, 8)}\\.html$`),
  );
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const bytes = await readFile(file);
  expect(
    bytes.findIndex((b) => b > 0x7f),
    'the file is plain ASCII',
  ).toBe(-1);
  const text = bytes.toString('latin1');
  for (const secret of [server.readToken, server.ingestToken, CUSTOMER]) expect(text).not.toContain(secret);

  // The served viewer opens the file too.
  await viewer.locator('input[type=file]').setInputFiles(file);
  await expect(viewer).toHaveURL(/#\/file$/);
  await expect(viewer.getByRole('heading', { name: `Actions (${actions.length})` })).toBeVisible();

  // With the server gone, the file still shows everything.
  await server.stop();
  const offline = await ext.context.newPage();
  const requests: string[] = [];
  offline.on('request', (r) => requests.push(r.url()));
  await offline.goto(pathToFileURL(file).href);
  await expect(offline.locator('.mode')).toHaveText('Offline copy: opened from a file, no server needed');
  await expect(offline.getByRole('heading', { name: app.origin, level: 1 })).toBeVisible();
  await expect(offline.getByRole('heading', { name: `Actions (${actions.length})` })).toBeVisible();
  await waitUntilLoaded(offline);
  const index = await chooseAction(offline, /click button "Edit"/);
  const offset = actions[index]!.t - session.startedAt;
  await expect.poll(() => replayTime(offline)).toBeGreaterThanOrEqual(offset - 1);
  await expect(highlightedTarget(offline)).toHaveText('Edit');
  await expect(offline.getByRole('button', { name: 'Sign out' })).toBeHidden();
  expect(
    requests.filter((u) => u.startsWith(server.url)),
    'no request to the (stopped) server',
  ).toEqual([]);
  const shot = testInfo.outputPath('viewer-offline.png');
  await offline.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('downloaded session opened from disk', { path: shot, contentType: 'image/png' });
});

test('thousands of sessions page, filter and sort quickly; a session of 50,000 events loads progressively', async ({
  server,
  ext,
}, testInfo) => {
  // Seeding ~2,000 sessions through the real ingest path (a durable write per chunk) takes most of the time.
  test.setTimeout(180_000);
  const sites = ['https://crm.example', 'https://erp.example', 'https://mail.example'];
  const now = Date.now();
  await uploadChunks(server.url, server.ingestToken, manySessions({ n: 2000, sites, t0: now - 60_000, spacingMs: 20 * 60_000 }));
  const big = bigSession({ site: 'https://big.example', events: 50_000, actionEvery: 25, gapMs: 120_000, t0: now });
  await uploadChunks(server.url, server.ingestToken, big.chunks);
  const timings: Record<string, number> = {};
  const timed = async (name: string, fn: () => Promise<void>) => {
    const started = performance.now();
    await fn();
    timings[name] = Math.round(performance.now() - started);
  };

  const viewer = await openViewer(ext.context, server.url);
  await viewer.setViewportSize({ width: 1400, height: 900 });
  await timed('list: sign in to first page', () =>
    signIn(viewer, server.readToken).then(() => expect(listStatus(viewer)).toHaveText('Showing 1\u201350 of 2,001 sessions')),
  );
  await timed('list: last page', async () => {
    await viewer.getByRole('button', { name: 'Last' }).click();
    await expect(listStatus(viewer)).toHaveText('Showing 2,001\u20132,001 of 2,001 sessions');
  });
  await timed('list: filter by site', async () => {
    await viewer.getByLabel('Site').selectOption(sites[1]!);
    await expect(listStatus(viewer)).toHaveText('Showing 1\u201350 of 667 sessions');
  });
  await timed('list: sort by size', async () => {
    await viewer.getByRole('button', { name: 'Size' }).click();
    await expect(viewer.locator('th[aria-sort=descending]')).toHaveText(/Size/);
  });
  expect(await viewer.locator('tbody tr').count()).toBe(50);
  const listShot = testInfo.outputPath('viewer-list.png');
  await viewer.screenshot({ path: listShot });
  await testInfo.attach('the session list, filtered and sorted', { path: listShot, contentType: 'image/png' });

  await viewer.getByLabel('Site').selectOption('https://big.example');
  await viewer.getByRole('link', { name: 'https://big.example' }).click();
  await timed('big session: first replay frame', () => expect(replayFrame(viewer).locator('h1')).toBeVisible({ timeout: 30_000 }));
  await timed('big session: all events loaded', () => waitUntilLoaded(viewer, 60_000));
  await expect(sessionStatus(viewer)).toHaveText(`Loaded ${big.events.toLocaleString('en-US')} events.`);
  await expect(viewer.getByRole('heading', { name: `Actions (${big.actions.length.toLocaleString('en-US')})` })).toBeVisible();
  // The list holds ~2,000 actions but only the rows in view are in the DOM.
  expect(await viewer.locator('[role=option]').count()).toBeLessThan(60);
  await expect(viewer.locator('.lane .gap')).toHaveCount(1);
  await expect(viewer.locator('.lane .page-tick')).toHaveCount(2);

  // The last action, deep in the second page load: keyboard End seeks there and highlights its button.
  const last = big.actions.at(-1)!;
  await viewer.getByRole('listbox', { name: 'Actions, in order' }).focus();
  await timed('big session: seek to the last action', async () => {
    await viewer.keyboard.press('End');
    await expect(currentOption(viewer)).toHaveAttribute('aria-posinset', String(big.actions.length));
    await expect(highlightedTarget(viewer)).toHaveText(last.name);
  });
  expect(Math.abs((await replayTime(viewer)) - (last.t - now))).toBeLessThanOrEqual(50);
  await expect(replayFrame(viewer).locator('h1')).toContainText('Page 2');

  const shot = testInfo.outputPath('viewer-big-session.png');
  await viewer.screenshot({ path: shot });
  await testInfo.attach('a session of 50,000 events', { path: shot, contentType: 'image/png' });
  for (const [name, ms] of Object.entries(timings)) testInfo.annotations.push({ type: 'timing', description: `${name}: ${ms} ms` });
  console.log(
    Object.entries(timings)
      .map(([n, ms]) => `${n}: ${ms} ms`)
      .join('\n'),
  );
  expect(timings['list: last page']).toBeLessThan(3000);
});
