import type { CDPSession, Page } from 'playwright';
import { TRACE_MARK } from '../../lib/recorder/trace-marks';
import type { Row } from '../result';
import { buildRow, type MetricSpec, type Sample } from '../support/build-row';
import { readCounters, retainedHeapMB } from '../support/renderer-metrics';
import { startRendererTrace, type TaskFigures } from '../support/renderer-trace';
import { rotated } from '../support/stats';
import { ALL_VARIANTS, hostFor, startVariant, VARIANT_LABELS, type VariantId } from '../support/variants';
import type { BenchContext, Workload } from '../workload';

/**
 * What recording costs the page, per variant, on a generated page:
 * - snapshot: from starting the recorder to its first full snapshot (and the page quiet again);
 * - mutation: thousands of rows inserted over many tasks with text and attribute edits, recording running;
 * - interaction: trusted clicks and typing, recording running.
 * Main-thread time is the renderer's TaskDuration (every JS world); long tasks, the
 * longest and total blocking time come from a trace of the tab's renderer main thread.
 */
export type PageCostKind = 'snapshot' | 'mutation' | 'interaction';

export interface PageCostSpec {
  id: string;
  title: string;
  kind: PageCostKind;
  nodes: number;
  /** Only in full mode (too long for the smoke run). */
  fullOnly?: boolean;
}

/** Quiet time that ends a window: longer than the recorder's 1 s buffer delay, so its last flush is inside. */
const QUIET_MS = 1500;
const QUICK_QUIET_MS = 800;
const METRICS: MetricSpec[] = [
  { key: 'taskMs', name: 'main-thread ms', unit: 'ms', ratio: true },
  { key: 'longTasks', name: 'long tasks (>50 ms)', unit: 'count' },
  { key: 'longestMs', name: 'longest task ms', unit: 'ms', ratio: true },
  { key: 'tbtMs', name: 'total blocking time ms', unit: 'ms' },
  { key: 'snapshotMs', name: 'time to first full snapshot ms', unit: 'ms', ratio: true },
  { key: 'heapMB', name: 'JS heap after GC MB', unit: 'MB', ratio: true },
];
const RATIOS = [
  ['webtrace', 'rrwebPage'],
  ['webtrace', 'rrwebIsolated'],
  ['webtrace', 'rrwebIsolatedShim'],
  ['webtrace', 'none'],
] as const;

declare global {
  interface Window {
    __bench: {
      mutate(opts: { tasks: number; rowsPerTask: number; edits: number; gapMs: number }): Promise<void>;
      step(i: number): void;
      quiet(quietMs: number, maxMs: number): Promise<number>;
    };
  }
}

export function pageCostWorkload(spec: PageCostSpec): Workload {
  return {
    id: spec.id,
    describe: `${spec.title}: main-thread cost of each variant`,
    fullOnly: spec.fullOnly,
    async run(ctx) {
      const samples: Sample[] = [];
      let nodes = 0;
      for (let rep = 0; rep < ctx.reps; rep++) {
        for (const variant of rotated(ALL_VARIANTS, rep)) {
          const { values, nodeCount } = await measureOnce(ctx, spec, variant);
          nodes = nodeCount;
          samples.push({ variant, values });
          ctx.log(
            `${spec.id} rep ${rep + 1} ${variant}: ${Object.entries(values)
              .map(([k, v]) => `${k}=${v?.toFixed(1)}`)
              .join(' ')}`,
          );
        }
      }
      const row: Row = buildRow({
        id: spec.id,
        title: `${spec.title} (${nodes.toLocaleString('en')} nodes)`,
        columns: ALL_VARIANTS.map((id) => ({ id, label: VARIANT_LABELS[id] })),
        metrics: METRICS.filter((m) => m.key !== 'snapshotMs' || spec.kind === 'snapshot'),
        samples,
        ratios: RATIOS,
        notes: spec.kind === 'snapshot' ? [] : ['measured while the workload runs, after the first full snapshot'],
      });
      return [row];
    },
  };
}

async function measureOnce(
  ctx: BenchContext,
  spec: PageCostSpec,
  variant: VariantId,
): Promise<{ values: Sample['values']; nodeCount: number }> {
  const { env } = ctx;
  const quiet = ctx.quick ? QUICK_QUIET_MS : QUIET_MS;
  const page = await env.ext.context.newPage();
  try {
    await page.goto(env.pageUrl(hostFor(variant), spec.nodes), { waitUntil: 'load', timeout: 120_000 });
    const cdp = await env.ext.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.evaluate((q) => window.__bench.quiet(q, 20_000), ctx.quick ? 300 : 500);
    const nodeCount = await page.evaluate(() => {
      let n = 0;
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      while (walker.nextNode()) n++;
      return n;
    });
    let figures: TaskFigures & { counterTaskMs: number };
    if (spec.kind === 'snapshot') {
      figures = await window_(page, cdp, quiet, async () => {
        const recording = await startVariant(env, variant, page, cdp);
        await recording.ready();
      });
    } else {
      const recording = await startVariant(env, variant, page, cdp);
      await recording.ready();
      await page.evaluate((q) => window.__bench.quiet(q, 60_000), quiet);
      figures = await window_(page, cdp, quiet, () => runWorkload(ctx, spec.kind, page));
    }
    const values: Sample['values'] = {
      taskMs: figures.counterTaskMs,
      longTasks: figures.longTasks,
      longestMs: figures.longestMs,
      tbtMs: figures.tbtMs,
      heapMB: await retainedHeapMB(cdp),
    };
    if (spec.kind === 'snapshot' && variant !== 'none') {
      const start = figures.marks[TRACE_MARK.recordStart];
      const done = figures.marks[TRACE_MARK.fullSnapshot];
      if (start === undefined || done === undefined)
        throw new Error(`${variant}: the trace has no recorder marks (${Object.keys(figures.marks).join(', ') || 'none'})`);
      values.snapshotMs = done - start;
    }
    await cdp.detach();
    return { values, nodeCount };
  } finally {
    await page.close();
    if (variant === 'webtrace') await env.drainUploads();
  }
}

/** Runs `work` inside one measurement window: counters and a renderer trace around it, until the page is quiet. */
async function window_(
  page: Page,
  cdp: CDPSession,
  quietMs: number,
  work: () => Promise<void>,
): Promise<TaskFigures & { counterTaskMs: number }> {
  const before = await readCounters(cdp);
  const trace = await startRendererTrace(cdp);
  await work();
  await page.evaluate((q) => window.__bench.quiet(q, 60_000), quietMs);
  const figures = await trace.stop();
  const after = await readCounters(cdp);
  return { ...figures, counterTaskMs: after.taskMs - before.taskMs };
}

async function runWorkload(ctx: BenchContext, kind: PageCostKind, page: Page): Promise<void> {
  if (kind === 'mutation') {
    const opts = ctx.quick ? { tasks: 15, rowsPerTask: 25, edits: 10, gapMs: 10 } : { tasks: 100, rowsPerTask: 30, edits: 20, gapMs: 10 };
    await page.evaluate((o) => window.__bench.mutate(o), opts);
    return;
  }
  // Trusted input at precomputed points (no Playwright actionability work on the page's thread):
  // rows are opened bottom-up, so the detail row each click inserts never moves the next target.
  const passes = ctx.quick ? 1 : 2;
  for (let pass = 0; pass < passes; pass++) {
    const centres = await page.evaluate(
      (n) =>
        [...document.querySelectorAll('#rows button[data-row]')].slice(0, n).map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }),
      ctx.quick ? 6 : 20,
    );
    for (const c of centres.reverse()) await page.mouse.click(c.x, c.y);
  }
  for (const [selector, text] of [
    ['#q', 'quarterly report for the northern region'],
    ['#email', 'ann.other@example.com'],
  ] as const) {
    const box = await page.locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} is not visible`);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.type(ctx.quick ? text.slice(0, 12) : text, { delay: ctx.quick ? 10 : 25 });
  }
}
