import { gzipSync } from 'node:zlib';
import type { Batch } from '../../lib/schema/batch';
import { WEBTRACE_HOST } from '../support/bench-env';
import { buildRow, type Sample } from '../support/build-row';
import { BYTE_KINDS, byteBreakdown, type Breakdown } from '../support/byte-breakdown';
import { sessionStep } from '../support/scripted-session';
import { startVariant } from '../support/variants';
import type { Workload } from '../workload';

/**
 * Bytes per minute of a scripted session, recorded at once by webtrace (its
 * uploads, counted at the proxy: the batches' JSON and their gzip on the wire)
 * and by plain rrweb in the same tab's page world (its events, JSON, and
 * gzipped in windows as long as webtrace's upload delay). The same session
 * feeds both, so the figures compare like for like. Leaves the captured
 * batches in shared 'batches' for the ingest workload.
 */
const WINDOW_MS = 5_000; // lib/rules/config/default-config.ts upload.delayMs
const NODES = 1_300;
export const SHARED_BATCHES = 'batches';

export const wireBytesWorkload: Workload = {
  id: 'wire-bytes',
  describe: 'events and wire bytes per minute of a scripted session, webtrace against plain rrweb',
  async run(ctx) {
    const { env } = ctx;
    const seconds = ctx.quick ? 10 : 45;
    const samples: Sample[] = [];
    const parts: Sample[] = [];
    const batches: Batch[] = [];
    for (let rep = 0; rep < ctx.reps; rep++) {
      const page = await env.ext.context.newPage();
      await page.goto(env.pageUrl(WEBTRACE_HOST, NODES));
      // After the navigation: a session opened on about:blank keeps talking to that renderer.
      const cdp = await env.ext.context.newCDPSession(page);
      await page.evaluate(() => window.__bench.quiet(300, 10_000));
      const firstUpload = env.proxy.uploads.length;
      env.proxy.capture(true);
      const plain = await startVariant(env, 'rrwebPage', page, cdp);
      const webtrace = await startVariant(env, 'webtrace', page, cdp);
      await plain.ready();
      const sessionId = await env.waitRecorded(page);
      void webtrace;
      const windows: unknown[][] = [];
      const started = Date.now();
      let windowEnd = started + WINDOW_MS;
      for (let i = 0; Date.now() - started < seconds * 1000; i++) {
        await sessionStep(page, i);
        if (Date.now() >= windowEnd) {
          windows.push(await plain.drain());
          windowEnd += WINDOW_MS;
        }
      }
      windows.push(await plain.drain());
      const minutes = (Date.now() - started) / 60_000;
      await cdp.detach();
      await page.close();
      await env.drainUploads();
      env.proxy.capture(false);

      const ours = env.proxy.uploads.slice(firstUpload).filter((u) => u.status === 200 && u.body);
      const mine = ours.filter((u) => (u.body as Batch).chunks.some((c) => c.sessionId === sessionId));
      if (mine.length === 0) throw new Error(`no upload of session ${sessionId} reached the server`);
      batches.push(...mine.map((u) => u.body as Batch));
      const eventBytes = mine.reduce((s, u) => s + (u.body as Batch).chunks.reduce((t, c) => t + JSON.stringify(c.events).length, 0), 0);
      const batchBytes = mine.reduce((s, u) => s + JSON.stringify(u.body).length, 0);
      const wireBytes = mine.reduce((s, u) => s + u.wireBytes, 0);
      const plainJson = windows.filter((w) => w.length).map((w) => JSON.stringify(w));
      const kb = (bytes: number) => bytes / 1000 / minutes;
      samples.push({
        variant: 'webtrace',
        values: { events: kb(eventBytes), body: kb(batchBytes), wire: kb(wireBytes), uploads: mine.length / minutes },
      });
      const perUpload = mine.map((u) => (u.body as Batch).chunks.filter((c) => c.sessionId === sessionId).flatMap((c) => c.events));
      parts.push({ variant: 'webtrace', values: { ...partValues(byteBreakdown(perUpload), kb), envelope: kb(batchBytes - eventBytes) } });
      parts.push({ variant: 'rrweb', values: partValues(byteBreakdown(windows.filter((w) => w.length)), kb) });
      samples.push({
        variant: 'rrweb',
        values: {
          events: kb(plainJson.reduce((s, j) => s + j.length, 0)),
          wire: kb(plainJson.reduce((s, j) => s + gzipSync(j).length, 0)),
          uploads: plainJson.length / minutes,
        },
      });
      ctx.log(
        `wire-bytes rep ${rep + 1}: webtrace ${kb(wireBytes).toFixed(1)} KB/min gzip in ${mine.length} uploads; rrweb ${kb(plainJson.reduce((s, j) => s + gzipSync(j).length, 0)).toFixed(1)} KB/min`,
      );
    }
    ctx.shared.set(SHARED_BATCHES, batches);
    if (process.env.WEBTRACE_BENCH_SAVE_BATCHES)
      (await import('node:fs')).writeFileSync(process.env.WEBTRACE_BENCH_SAVE_BATCHES, JSON.stringify(batches));
    return [
      buildRow({
        id: 'wire-bytes',
        title: `bytes per minute of a ${seconds} s scripted session (${NODES.toLocaleString('en')}-node page)`,
        columns: [
          { id: 'rrweb', label: 'rrweb (page world)' },
          { id: 'webtrace', label: 'webtrace' },
        ],
        metrics: [
          { key: 'events', name: 'events JSON KB/min', unit: 'KB/min', ratio: true },
          { key: 'body', name: 'upload bodies JSON KB/min', unit: 'KB/min' },
          { key: 'wire', name: 'gzip (wire) KB/min', unit: 'KB/min', ratio: true },
          { key: 'uploads', name: 'uploads (gzip windows) per min', unit: '/min' },
        ],
        samples,
        ratios: [['webtrace', 'rrweb']],
        notes: [
          `rrweb's events gzipped in ${WINDOW_MS / 1000} s windows (webtrace's upload delay); webtrace's wire bytes are its request bodies`,
        ],
      }),
      buildRow({
        id: 'wire-bytes:parts',
        title: `where the bytes go: each kind of event's JSON, and its gzip alone per upload (or window), ${seconds} s session`,
        columns: [
          { id: 'rrweb', label: 'rrweb (page world)' },
          { id: 'webtrace', label: 'webtrace' },
        ],
        metrics: [
          ...BYTE_KINDS.flatMap((kind) => [
            { key: `${kind}Json`, name: `${kind} JSON KB/min`, unit: 'KB/min' },
            { key: `${kind}Gzip`, name: `${kind} gzip alone KB/min`, unit: 'KB/min' },
          ]),
          { key: 'envelope', name: 'batch and chunk envelope JSON KB/min', unit: 'KB/min' },
        ],
        samples: parts,
        notes: [
          "snapshot: full snapshots; mutation: DOM changes; pointer: mouse moves, clicks, scrolls, touches; action: webtrace's actions; other: meta, input, viewport, page-end and the rest",
        ],
      }),
    ];
  },
};

function partValues(parts: Breakdown, kb: (bytes: number) => number): Sample['values'] {
  return Object.fromEntries(
    BYTE_KINDS.flatMap((kind) => [
      [`${kind}Json`, kb(parts[kind].json)],
      [`${kind}Gzip`, kb(parts[kind].gzip)],
    ]),
  );
}
