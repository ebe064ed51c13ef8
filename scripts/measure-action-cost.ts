/**
 * What the action listeners cost per click on a huge page, in a real Chromium:
 * a generated page of ~130k nodes (a 6,500-row table with an "Actions" button,
 * a link and an input per row), rrweb recording alone vs rrweb plus the action
 * capture, N trusted clicks on different kinds of targets. Per click the CDP
 * Performance metrics' ScriptDuration and TaskDuration deltas are taken, and
 * long tasks (>50 ms) are counted. Run under the browser lock:
 *   flock /tmp/webtrace-browser.lock npx tsx scripts/measure-action-cost.ts
 * Prints one JSON line per configuration. Not a test: nothing is asserted.
 * WEBTRACE_SOURCE=<dir>: measure another checkout's lib/ (an earlier version) instead.
 */
import { chromium, type Page } from 'playwright';
import { actionBundle } from '../e2e/support/action-bundle';
import { findChromium } from '../e2e/support/find-chromium';

const ROWS = Number(process.env.ROWS ?? 6500);
const CLICKS = Number(process.env.CLICKS ?? 15);

function buildPage(rows: number): void {
  const parts: string[] = ['<main><h1>Expenses</h1><button id="unique-save">Save report</button><table><tbody>'];
  for (let i = 0; i < rows; i++) {
    parts.push(
      `<tr><td>EX-${100000 + i}</td><td><span class="m">Merchant ${i}</span> <em>note</em></td><td>${(i * 3.7).toFixed(2)}</td>` +
        `<td><a href="#r${i}">Open</a></td><td><input aria-label="Memo ${i}" name="memo${i}"></td>` +
        `<td><button type="button" aria-haspopup="menu"><svg width="8" height="8"><rect width="8" height="8"/></svg> Actions</button></td></tr>`,
    );
  }
  parts.push('</tbody></table></main><div id="below" style="height:300px;pointer-events:none"></div>');
  document.body.innerHTML = parts.join('');
}

async function measure(page: Page, label: string, withActions: boolean) {
  await page.setContent('<!doctype html><html><head><title>Big</title></head><body></body></html>');
  await page.evaluate(buildPage, ROWS);
  await page.addScriptTag({ content: await actionBundle(process.env.WEBTRACE_SOURCE) });
  const nodes = await page.evaluate(
    () => document.getElementsByTagName('*').length + document.createTreeWalker(document).root.childNodes.length,
  );
  await page.evaluate((a) => {
    (window as any).__stop = (window as any).__webtraceActions.start({ actions: a, timing: true });
    (window as any).__long = [];
    new PerformanceObserver((list) => (window as any).__long.push(...list.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
    });
  }, withActions);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
    return { script: get('ScriptDuration') * 1000, task: get('TaskDuration') * 1000 };
  };
  // Each target is scrolled into view first (a click at a point outside the viewport lands on <html>,
  // which is what the first version of this script measured for all but #unique-save).
  const targets: Array<{ kind: string; selector: (i: number) => string }> = [
    { kind: 'row button', selector: (i) => `tbody tr:nth-of-type(${200 + i * 400}) button` },
    { kind: 'unique button', selector: () => '#unique-save' },
    { kind: 'row text', selector: (i) => `tbody tr:nth-of-type(${300 + i * 300}) .m` },
    { kind: 'row link', selector: (i) => `tbody tr:nth-of-type(${100 + i * 350}) a` },
    // The page's background below the table (the body's bottom padding): a click that targets <body>.
    { kind: 'background', selector: () => '#below' },
  ];
  // PROFILE=1: where the script time goes (self time per function, top 15), for the configuration with actions.
  const profiling = process.env.PROFILE === '1' && withActions;
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  }
  const self = new Map<string, number>();
  const perClick: number[] = [];
  const perClickTask: number[] = [];
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < CLICKS; i++) {
    const target = targets[i % targets.length]!;
    const locator = page.locator(target.selector(Math.floor(i / targets.length)));
    await locator.scrollIntoViewIfNeeded();
    const box = await locator.boundingBox();
    if (!box) continue;
    await page.waitForTimeout(150);
    if (profiling) await cdp.send('Profiler.start');
    const before = await metric();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(150);
    const after = await metric();
    if (profiling) {
      // Only the click's own window: Playwright's locator queries between clicks stay out.
      const { profile } = await cdp.send('Profiler.stop');
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const parentOf = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
      const frame = (id: number) => {
        const node = byId.get(id)!;
        return `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber}`;
      };
      const dt = profile.timeDeltas ?? [];
      (profile.samples ?? []).forEach((id, k) => {
        const node = byId.get(id)!;
        // A native function (querySelectorAll) is named with its caller: which query costs is the question.
        const caller = node.callFrame.lineNumber < 0 ? parentOf.get(id) : undefined;
        const key = caller === undefined ? frame(id) : `${frame(id)} <- ${frame(caller)}`;
        self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
      });
    }
    perClick.push(after.script - before.script);
    perClickTask.push(after.task - before.task);
    byKind.set(target.kind, [...(byKind.get(target.kind) ?? []), after.script - before.script]);
  }
  if (profiling) {
    const top = [...self.entries()]
      .filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15);
    console.log(JSON.stringify({ profile: label, topSelfMs: top.map(([k, v]) => [k, +v.toFixed(1)]) }));
  }
  const longTasks = (await page.evaluate(() => (window as any).__long as number[])).filter((d) => d > 50);
  const actions = await page.evaluate(() => (window as any).__webtraceActions.actions.length);
  const listenerMs = await page.evaluate(() => (window as any).__webtraceActions.timing ?? {});
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const max = (xs: number[]) => Math.max(...xs);
  console.log(
    JSON.stringify({
      label,
      nodes,
      clicks: perClick.length,
      actions,
      scriptMsMedian: +median(perClick).toFixed(1),
      scriptMsMax: +max(perClick).toFixed(1),
      taskMsMedian: +median(perClickTask).toFixed(1),
      taskMsMax: +max(perClickTask).toFixed(1),
      scriptMsMedianByKind: Object.fromEntries([...byKind].map(([k, v]) => [k, +median(v).toFixed(1)])),
      listenerMsTotal: Object.fromEntries(Object.entries(listenerMs as Record<string, number>).map(([k, v]) => [k, +v.toFixed(1)])),
      longTasksOver50ms: longTasks.length,
      longestTaskMs: longTasks.length ? +Math.max(...longTasks).toFixed(0) : 0,
    }),
  );
}

const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const [label, withActions] of [
    ['rrweb only', false],
    ['rrweb + actions', true],
    ['rrweb only (again)', false],
    ['rrweb + actions (again)', true],
  ] as const) {
    await measure(page, label, withActions);
  }
} finally {
  await browser.close();
}
