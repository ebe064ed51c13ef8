import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import type { Action } from '../lib/schema/action';
import type { RrwebEvent } from '../lib/schema/rrweb-event';
import { enableCapture } from './support/extension-control';
import { waitRecording } from './support/grid-page';
import { waitSessionComplete } from './support/wait-session-complete';
import { serveHardeningPages, type Served } from './support/serve-hardening-pages';

/**
 * Probe, finding 9: a canary rhythm (known gaps, all under a second) typed
 * into a contenteditable, into a field whose page shows a live "n/280"
 * counter, and into a password field, through the real extension. In what the
 * server stored, no event but pointer positions carries a time inside a
 * burst: every event the typing caused has one and the same time, at or after
 * the burst's end, so no gap under a second can follow the typed gaps.
 */
let pages: Served | null = null;
test.afterEach(async () => {
  await pages?.close();
  pages = null;
});

/** Gaps between keystrokes, in ms: a rhythm someone could be recognised by. */
const RHYTHMS = {
  editor: [180, 420, 90, 650, 240, 130, 510, 300, 70, 760, 220],
  status: [350, 110, 580, 260, 40, 690, 170, 450],
  password: [300, 90, 520, 200, 610, 140],
};

/** Types `text` one key at a time with the given gaps; the time of each keystroke. */
async function typeWithRhythm(page: Page, text: string, gaps: number[]): Promise<number[]> {
  const times: number[] = [];
  for (const [i, char] of [...text].entries()) {
    if (i > 0) await page.waitForTimeout(gaps[(i - 1) % gaps.length]!); // the rhythm itself is what is tested
    times.push(Date.now());
    await page.keyboard.type(char);
  }
  return times;
}

const POINTER = new Set([1, 6, 12]);
const isPointer = (e: RrwebEvent) => e.type === 3 && POINTER.has((e.data as { source?: number }).source ?? -1);
const sourceOf = (e: RrwebEvent) => (e.type === 3 ? (e.data as { source: number }).source : null);

function pearson(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 3) return 0;
  const mean = (x: number[]) => x.slice(0, n).reduce((s, v) => s + v, 0) / n;
  const [ma, mb] = [mean(a), mean(b)];
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

test("typing rhythm does not survive in the stored events: a burst's events all carry its end", async ({ server, ext }) => {
  pages = await serveHardeningPages();
  await enableCapture(ext, { origin: pages.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 200 } });
  const page = await ext.context.newPage();
  await page.goto(`${pages.origin}/hardening/typing.html`);
  const sessionId = await waitRecording(ext, page, 0, server.read);

  await page.locator('#editor').click();
  const editor = await typeWithRhythm(page, 'hello rhythm', RHYTHMS.editor);
  await page.locator('#status').click();
  const status = await typeWithRhythm(page, 'on my way', RHYTHMS.status);
  await expect(page.locator('#counter')).toHaveText('9/280');
  await page.locator('#password').click();
  const password = await typeWithRhythm(page, 'Pw-rhy7', RHYTHMS.password);
  await page.locator('#done').click();
  await page.close();

  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  const events = await waitSessionComplete(control, server.read, sessionId);
  const nonPointer = events.filter((e) => !isPointer(e));

  const report: string[] = [];
  const bursts = Object.entries({ editor, status, password });
  for (const [field, times] of bursts) {
    const first = times[0]!;
    const last = times.at(-1)!;
    // Nothing (but pointer positions) is stamped while a burst lasts.
    const during = nonPointer.filter((e) => e.timestamp > first && e.timestamp <= last);
    expect(
      during.map((e) => [e.type, sourceOf(e), e.timestamp - first]),
      `${field}: events stamped inside the burst`,
    ).toEqual([]);
  }
  // What the typing changed (text, the counter, the caret, the values) came out at a few release times
  // only (a field typed right after another continues its burst), none before a burst's end.
  const caused = nonPointer.filter((e) => e.timestamp >= editor[0]! - 20 && [0, 5, 14].includes(sourceOf(e) ?? -1));
  const stamps = [...new Set(caused.map((e) => e.timestamp))].sort((a, b) => a - b);
  // A release spreads what it holds over consecutive milliseconds, one step per action it holds (so a
  // replay seeking to each action sees only what came before it): a run of stored times 1 ms apart is
  // one release. What the typing changed must fall into a few runs.
  const allTimes = [...new Set(nonPointer.map((e) => e.timestamp))].sort((a, b) => a - b);
  const runStart = new Map<number, number>();
  for (const [i, t] of allTimes.entries()) runStart.set(t, i > 0 && t - allTimes[i - 1]! === 1 ? runStart.get(allTimes[i - 1]!)! : t);
  const releases = [...new Set(stamps.map((t) => runStart.get(t)!))];
  expect(caused.length).toBeGreaterThan(editor.length + status.length);
  expect(
    releases.length,
    `releases of what the typing changed (at ${JSON.stringify(stamps.map((t) => t - editor[0]!))} ms)`,
  ).toBeLessThanOrEqual(bursts.length);
  expect(stamps[0]!).toBeGreaterThanOrEqual(editor.at(-1)!);
  report.push(
    `${caused.length} events caused by ${editor.length + status.length + password.length} keys in 3 fields, stored at ${stamps.length} distinct times in ${releases.length} releases: ${stamps.map((t) => `+${t - editor[0]!} ms`).join(', ')} after the first key`,
  );

  // No gap under a second between stored events follows the typed gaps.
  const typed = [
    ...RHYTHMS.editor.slice(0, editor.length - 1),
    ...RHYTHMS.status.slice(0, status.length - 1),
    ...RHYTHMS.password.slice(0, password.length - 1),
  ];
  // From the first key to the last release: everything the typing could have shaped.
  const start = editor[0]!;
  const windowed = nonPointer.filter((e) => e.timestamp >= start && e.timestamp <= stamps.at(-1)!).map((e) => e.timestamp);
  // 1 ms is the constant step between what the typing changed and the actions at the burst's end.
  const gaps = windowed
    .slice(1)
    .map((t, i) => t - windowed[i]!)
    .filter((g) => g > 1 && g < 1000);
  const r = pearson(gaps, typed);
  report.push(
    `sub-second gaps between stored events while typing: ${JSON.stringify(gaps)}; correlation with the ${typed.length} typed gaps r = ${r.toFixed(2)}`,
  );
  console.log(`[typing-rhythm] ${report.join('\n[typing-rhythm] ')}`);
  expect(gaps, 'sub-second gaps between stored events while typing').toEqual([]);
  expect(Math.abs(r)).toBeLessThan(0.3);

  // A password: not even its length.
  const serialized = JSON.stringify(events);
  expect(serialized).not.toContain('"*******"'); // 7 characters typed: 7 stars would tell
  const { actions } = await server.read<{ actions: Action[] }>(`/v1/sessions/${sessionId}/actions`);
  const typedActions = actions.filter((a) => a.type === 'type');
  expect(typedActions.map((a) => a.value)).toEqual([{ kind: 'masked', length: 12 }, { kind: 'masked', length: 9 }, { kind: 'none' }]);
});
