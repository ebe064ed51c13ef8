import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { enableCapture, requestUpload } from './support/extension-control';
import { test, expect } from './support/fixtures';
import { stopServiceWorkers } from './support/stop-service-worker';

test('stopping the service worker again and again while recording loses and duplicates no action', async ({ server, app, ext }) => {
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(3);

  // A mark in the worker's global scope: gone once the worker was really stopped and started again.
  const markWorker = () => ext.worker.evaluate(() => ((globalThis as { __probe?: number }).__probe = 1));
  const workerWasRestarted = () => ext.worker.evaluate(() => (globalThis as { __probe?: number }).__probe === undefined);
  let restarts = 0;
  await markWorker();
  const performed: number[] = [];
  for (let i = 0; i < 40; i++) {
    const row = (i * 7) % 3;
    await rows.nth(row).getByRole('button', { name: 'Edit' }).click();
    await expect(page.locator('#editing')).toHaveText(`Editing row ${row + 1}`);
    performed.push(row + 1);
    // Stop the worker at varying points: right after a click, mid-chunk, with chunks in flight.
    if (i % 4 === 3) {
      await stopServiceWorkers(ext.context);
    } else if (i % 4 === 0 && i > 0) {
      // The recorder's next chunk woke the worker again.
      if (await workerWasRestarted()) restarts += 1;
      await markWorker();
    }
  }

  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  // Uploading drains the queue; repeat until every click is on the server (late chunks may still be arriving).
  const serverClicks = async () => {
    await requestUpload(control);
    const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
    if (sessions.length !== 1) return [];
    const { actions } = await server.read<{ actions: Action[] }>(`/v1/sessions/${sessions[0]!.id}/actions`);
    return actions.filter((a) => a.type === 'click' && a.target?.name === 'Edit');
  };
  await expect.poll(async () => (await serverClicks()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(performed.length);

  const clicks = await serverClicks();
  // The worker really was stopped and started again each time (9 checked restarts).
  expect(restarts).toBe(9);
  // Exactly once each, in order: the row of every click is in its unique CSS selector.
  const rowOf = (a: Action) => {
    const css = a.target!.selectors.find((s) => s.kind === 'css' && s.matches === 1)!.value;
    return Number(/tr:nth-of-type\((\d)\)/.exec(css)?.[1] ?? (css.includes('tr:first-of-type') ? 1 : NaN));
  };
  expect(clicks.map(rowOf)).toEqual(performed);
});
