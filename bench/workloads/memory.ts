import type { CDPSession, Page } from 'playwright';
import { PLAIN_HOST, THIRD_HOST, WEBTRACE_HOST } from '../support/bench-env';
import { buildRow, type Sample } from '../support/build-row';
import { retainedHeapMB } from '../support/renderer-metrics';
import { sessionStep } from '../support/scripted-session';
import { slope } from '../support/stats';
import { startVariant, type Recording, type VariantId } from '../support/variants';
import type { Workload } from '../workload';

/**
 * Heap over a long scripted session: three tabs on three sites (so three
 * renderers) replay the same session step by step, one not recorded, one
 * recorded by plain rrweb (its events taken away every few seconds, as a
 * sender would), one by webtrace; the worker and the server serve the
 * webtrace tab. Each heap is read after a full collection at every sample;
 * the slope is least squares over the samples, in MB per minute.
 */
const TABS: Array<{ variant: VariantId; host: string }> = [
  { variant: 'none', host: THIRD_HOST },
  { variant: 'rrwebPage', host: PLAIN_HOST },
  { variant: 'webtrace', host: WEBTRACE_HOST },
];

export const memoryWorkload: Workload = {
  id: 'memory',
  describe: 'page, worker and server heap over a long scripted session, with the slope',
  async run(ctx) {
    const { env } = ctx;
    const nodes = ctx.quick ? 1_300 : 13_000;
    const minutes = ctx.quick ? 0.25 : 10;
    const sampleEveryMs = ctx.quick ? 4_000 : 60_000;
    const tabs: Array<{ variant: VariantId; page: Page; cdp: CDPSession; recording: Recording }> = [];
    try {
      for (const { variant, host } of TABS) {
        const page = await env.ext.context.newPage();
        await page.goto(env.pageUrl(host, nodes), { timeout: 60_000 });
        // After the navigation: a session opened on about:blank keeps talking to that renderer.
        const cdp = await env.ext.context.newCDPSession(page);
        const recording = await startVariant(env, variant, page, cdp);
        await recording.ready();
        tabs.push({ variant, page, cdp, recording });
      }
      const series = new Map<string, Array<{ x: number; y: number }>>();
      const sample = async (atMin: number) => {
        const add = (id: string, y: number) => series.set(id, [...(series.get(id) ?? []), { x: atMin, y }]);
        for (const t of tabs) add(t.variant, await retainedHeapMB(t.cdp));
        add('worker', await env.workerHeap.read());
        add('server', await env.serverHeapMB());
        ctx.log(`memory at ${atMin.toFixed(1)} min: ${[...series].map(([id, s]) => `${id} ${s.at(-1)!.y.toFixed(2)} MB`).join(', ')}`);
      };
      const started = Date.now();
      await sample(0);
      let nextSample = started + sampleEveryMs;
      for (let i = 0; Date.now() - started < minutes * 60_000; i++) {
        for (const t of tabs) await sessionStep(t.page, i);
        if (i % 10 === 9) for (const t of tabs) await t.recording.drain();
        if (Date.now() >= nextSample) {
          await sample((Date.now() - started) / 60_000);
          nextSample += sampleEveryMs;
        }
      }
      if (Date.now() - nextSample + sampleEveryMs > 2_000) await sample((Date.now() - started) / 60_000);
      const columns = [
        { id: 'none', label: 'page, none' },
        { id: 'rrwebPage', label: 'page, rrweb (page world)' },
        { id: 'webtrace', label: 'page, webtrace' },
        { id: 'worker', label: 'service worker' },
        { id: 'server', label: 'server' },
      ];
      const samples: Sample[] = columns.map(({ id }) => {
        const points = series.get(id) ?? [];
        return {
          variant: id,
          values: { first: points[0]?.y, last: points.at(-1)?.y, peak: Math.max(...points.map((p) => p.y)), slope: slope(points) },
        };
      });
      return [
        buildRow({
          id: 'memory',
          title: `heap over a ${minutes} min scripted session (${nodes.toLocaleString('en')}-node page), ${series.get('worker')?.length ?? 0} samples`,
          columns,
          metrics: [
            { key: 'first', name: 'heap at start MB', unit: 'MB' },
            { key: 'last', name: 'heap at end MB', unit: 'MB' },
            { key: 'peak', name: 'peak MB', unit: 'MB' },
            { key: 'slope', name: 'slope MB/min', unit: 'MB/min' },
          ],
          samples,
          notes: ['one session (the three tabs replay it in lock step); each heap after a forced full GC'],
        }),
      ];
    } finally {
      for (const t of tabs) await t.page.close().catch(() => {});
      await env.drainUploads().catch(() => {});
    }
  },
};
