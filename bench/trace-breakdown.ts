// Where a variant's main-thread time goes while it starts recording one generated page (or runs the
// mutation workload): the renderer main thread's trace events by self time (compile, script, style,
// layout, GC...) and, from a V8 sampling profile taken at the same time, self time per script and per
// function. For finding fixed costs; not part of npm run bench. Hold the browser lock:
//   npx tsx bench/trace-breakdown.ts <nodes> <variant> <snapshot|mutation> [reps]
// Build with WEBTRACE_MINIFY=false npx wxt build to read the content script's function names.
import { startBenchEnv, WEBTRACE_HOST, PLAIN_HOST } from './support/bench-env';
import { z } from 'zod';
import type { TraceEvent } from './support/renderer-trace';
import { ALL_VARIANTS, startVariant, type VariantId } from './support/variants';

const argsSchema = z.tuple([
  z.coerce.number().int().min(10).max(1_000_000).default(1300),
  z.enum(ALL_VARIANTS as [VariantId, ...VariantId[]]).default('webtrace'),
  z.enum(['snapshot', 'mutation']).default('snapshot'),
  z.coerce.number().int().min(1).max(50).default(3),
]);
const [nodes, variant, kind, reps] = argsSchema.parse([2, 3, 4, 5].map((i) => process.argv[i]));
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'disabled-by-default-v8.compile',
  'blink.user_timing',
];

const env = await startBenchEnv();
const selfByName = new Map<string, number>();
const selfByScript = new Map<string, number>();
const selfByFn = new Map<string, number>();
let totalTask = 0;
try {
  for (let rep = 0; rep < reps; rep++) {
    const page = await env.ext.context.newPage();
    await page.goto(env.pageUrl(variant === 'webtrace' ? WEBTRACE_HOST : PLAIN_HOST, nodes));
    const cdp = await env.ext.context.newCDPSession(page);
    await page.evaluate(() => window.__bench.quiet(500, 10000));
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: Array<Record<string, unknown>> }) => {
      for (const ev of e.value) events.push(ev as unknown as TraceEvent);
    });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const rec = kind === 'snapshot' ? null : await startVariant(env, variant, page, cdp);
    if (rec) {
      await rec.ready();
      await page.evaluate(() => window.__bench.quiet(1500, 10000));
    }
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    if (kind === 'snapshot') await (await startVariant(env, variant, page, cdp)).ready();
    else await page.evaluate(() => window.__bench.mutate({ tasks: 40, rowsPerTask: 30, edits: 20, gapMs: 10 }));
    await page.evaluate(() => window.__bench.quiet(1500, 30000));
    const { profile } = await cdp.send('Profiler.stop');
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    addTrace(events);
    addProfile(profile);
    await cdp.detach();
    await page.close();
    if (variant === 'webtrace') await env.drainUploads();
  }
} finally {
  await env.close();
}
const per = (v: number) => (v / reps).toFixed(1).padStart(8);
console.log(`${variant} ${kind} ${nodes} nodes, per rep (${reps}): RunTask total ms ${per(totalTask)}`);
console.log('-- trace self ms by event');
for (const [k, v] of [...selfByName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(per(v), k);
console.log('-- profile self ms by script');
for (const [k, v] of [...selfByScript].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(per(v), k);
console.log('-- profile self ms by function');
for (const [k, v] of [...selfByFn].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(per(v), k);

function addTrace(events: TraceEvent[]): void {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const pid = started?.args?.data?.frames?.find((f) => f.isOutermostMainFrame)?.processId;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const xs = events
    .filter((e) => e.pid === pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Self time: each event's duration less its direct children's.
  const stack: Array<{ e: TraceEvent; end: number; child: number }> = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= upTo) {
      const top = stack.pop()!;
      selfByName.set(top.e.name, (selfByName.get(top.e.name) ?? 0) + (top.e.dur! - top.child) / 1000);
    }
  };
  for (const e of xs) {
    close(e.ts);
    if (e.name === 'RunTask' && stack.length === 0) totalTask += e.dur! / 1000;
    if (stack.length) stack[stack.length - 1]!.child += e.dur!;
    stack.push({ e, end: e.ts + e.dur!, child: 0 });
  }
  close(Infinity);
}

function addProfile(profile: {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((s, i) => {
    const f = byId.get(s)!.callFrame;
    if (f.functionName === '(idle)') return;
    const ms = (dt[i] ?? 0) / 1000;
    const script = f.url.split('/').pop() || f.functionName;
    selfByScript.set(script, (selfByScript.get(script) ?? 0) + ms);
    const key = `${f.functionName || '(anon)'} ${script}:${f.lineNumber}`;
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + ms);
  });
}
