// A CPU profile (self time per function, V8 sampling) of one variant recording one generated page,
// for finding where the recorder's time goes; not part of npm run bench. Hold the browser lock:
//   npx tsx bench/profile.ts <nodes> <none|rrwebPage|rrwebIsolated|rrwebIsolatedShim|webtrace> <snapshot|mutation>
// Names in the built content script are minified: build with WEBTRACE_MINIFY=false npx wxt build to read them.
import { startBenchEnv, WEBTRACE_HOST } from './support/bench-env';
import { startVariant, type VariantId } from './support/variants';
const nodes = Number(process.argv[2] ?? 13000);
const variant = (process.argv[3] ?? 'webtrace') as VariantId;
const kind = process.argv[4] ?? 'snapshot';
const env = await startBenchEnv();
try {
  const page = await env.ext.context.newPage();
  await page.goto(env.pageUrl(variant === 'webtrace' ? WEBTRACE_HOST : 'localhost', nodes));
  const cdp = await env.ext.context.newCDPSession(page);
  await page.evaluate(() => window.__bench.quiet(500, 10000));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (kind === 'snapshot') await cdp.send('Profiler.start');
  const rec = await startVariant(env, variant, page, cdp);
  await rec.ready();
  if (kind !== 'snapshot') {
    await page.evaluate(() => window.__bench.quiet(1500, 10000));
    await cdp.send('Profiler.start');
    await page.evaluate(() => window.__bench.mutate({ tasks: 40, rowsPerTask: 30, edits: 20, gapMs: 10 }));
  }
  await page.evaluate(() => window.__bench.quiet(1500, 30000));
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas as number[];
  const counts = new Map<number, number>();
  profile.samples!.forEach((s: number, i: number) => counts.set(s, (counts.get(s) ?? 0) + (dt[i] ?? 0)));
  let total = 0;
  for (const [id, us] of counts) {
    const n: any = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + us / 1000);
    if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += us / 1000;
  }
  console.log('total non-idle ms', total.toFixed(0));
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
} finally {
  await env.close();
}
