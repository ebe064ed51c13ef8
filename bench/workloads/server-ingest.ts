import { gzipSync } from 'node:zlib';
import type { Batch } from '../../lib/schema/batch';
import { encodeChunk } from '../../server/store/chunk-codec';
import { buildRow, type Sample } from '../support/build-row';
import { rotated } from '../support/stats';
import type { Workload } from '../workload';
import { SHARED_BATCHES } from './wire-bytes';
import { startBareServer, startFloorServer, startProjectServer, startS3Targets, type Target } from './server-ingest-targets';

/**
 * Ingest throughput of the project's server against a bare node:http server
 * that gunzips, parses and fsyncs the same bodies (both their own processes,
 * fresh data directories, measured in the same run, interleaved): batches/s
 * and MB/s (compressed) at each concurrency. The bodies are the batches the
 * wire-bytes workload captured from the extension, each sent under a fresh
 * batch id and session id so every one is stored. The floor is the bare
 * server plus only what any server keeping the guarantees must do per batch
 * (decode and validate, scrub again, gzip at rest): the server's ratio to it
 * is what its own machinery costs. Also, when Ceph and
 * PostgreSQL are available here: one s3 instance, and two sharing them (the
 * batches sent to each in turn). And what a recorded hour takes at rest,
 * chunks as JSON against gzip'ed.
 */
const LEVELS = [1, 4, 16];

export const serverIngestWorkload: Workload = {
  id: 'server-ingest',
  describe: "the server's ingest throughput at concurrency 1/4/16 against a bare node:http + fsync server",
  needs: ['wire-bytes'],
  async run(ctx) {
    const templates = ctx.shared.get(SHARED_BATCHES) as Batch[] | undefined;
    if (!templates?.length) throw new Error('no captured batches: the wire-bytes workload must run first');
    const perRun = ctx.quick ? 40 : 200;
    const targets = [await startProjectServer(), await startFloorServer(), await startBareServer()];
    const s3 = await startS3Targets().catch((err: Error) => ({ missing: `the engines did not start: ${err.message}` }));
    const notes: string[] = [];
    if ('missing' in s3) notes.push(`no s3 figures: ${s3.missing}`);
    else targets.push(...s3.targets);
    const samples: Sample[] = [];
    try {
      for (let rep = 0; rep < ctx.reps; rep++) {
        for (const level of LEVELS) {
          const bodies = freshBodies(templates, perRun);
          for (const target of rotated(targets, rep + level)) {
            const { seconds, bytes } = await drive(target, bodies, level);
            samples.push({
              variant: target.id,
              values: { [`bps${level}`]: bodies.length / seconds, [`mbps${level}`]: bytes / 1e6 / seconds },
            });
            ctx.log(`server-ingest rep ${rep + 1} c=${level} ${target.id}: ${(bodies.length / seconds).toFixed(1)} batches/s`);
          }
        }
      }
    } finally {
      for (const t of targets) await t.stop();
      if (!('missing' in s3)) await s3.stop();
    }
    const meanBody = templates.reduce((s, b) => s + gzipSync(JSON.stringify(b)).length, 0) / templates.length;
    return [
      buildRow({
        id: 'server-ingest',
        title: `server ingest, ${perRun} batches per run (mean ${(meanBody / 1000).toFixed(1)} KB gzip, ${(templates.reduce((s, b) => s + b.chunks.length, 0) / templates.length).toFixed(1)} chunks)`,
        columns: [
          { id: 'bare', label: 'bare node:http + fsync' },
          { id: 'floor', label: 'bare + decode, scrub, gzip (the floor)' },
          { id: 'server', label: "webtrace's server (fs)" },
          { id: 's3x1', label: 'one s3 instance' },
          { id: 's3x2', label: 'two s3 instances' },
        ],
        metrics: LEVELS.flatMap((c) => [
          { key: `bps${c}`, name: `batches/s at concurrency ${c}`, unit: '/s', ratio: true },
          { key: `mbps${c}`, name: `MB/s (gzip) at concurrency ${c}`, unit: 'MB/s', ratio: true },
        ]),
        samples,
        ratios: [
          ['server', 'bare'],
          ['floor', 'bare'],
          ['server', 'floor'],
          ['s3x1', 'bare'],
          ['s3x2', 's3x1'],
        ],
        notes,
      }),
      await bytesAtRest(templates),
    ];
  },
};

interface Body {
  batchId: string;
  installId: string;
  consentVersion: string | undefined;
  gzip: Buffer;
}

/**
 * `installs` > 1: body i comes from the i-th of that many installs in turn
 * (bench/ingest-alone.ts --installs): the server serialises one install's
 * uploads (its lock, server/lifecycle/install-gate.ts), and a device uploads
 * one batch at a time, so N concurrent uploads are N devices in the field.
 * Default: every body keeps the captured batches' one install.
 */
export function freshBodies(templates: readonly Batch[], count: number, installs = 1): Body[] {
  const installIds = Array.from({ length: installs }, () => crypto.randomUUID());
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length]!;
    const sessions = new Map<string, string>();
    const batch: Batch = {
      ...template,
      ...(installs > 1 ? { installId: installIds[i % installs]! } : {}),
      batchId: `bench-${crypto.randomUUID()}`,
      chunks: template.chunks.map((c) => {
        if (!sessions.has(c.sessionId)) sessions.set(c.sessionId, crypto.randomUUID());
        return { ...c, sessionId: sessions.get(c.sessionId)! };
      }),
      dropped: undefined,
    };
    return {
      batchId: batch.batchId,
      installId: batch.installId,
      consentVersion: batch.consentVersion,
      gzip: gzipSync(JSON.stringify(batch)),
    };
  });
}

/** Each install's upload headers, enrolled before the timed loop: the ratio against bare node:http measures ingest alone. */
async function uploadHeaders(target: Target, bodies: readonly Body[]): Promise<Map<string, Record<string, string>>> {
  const headers = new Map<string, Record<string, string>>();
  for (const body of bodies) {
    if (!headers.has(body.installId)) headers.set(body.installId, await target.headersFor(body.installId, body.consentVersion));
  }
  return headers;
}

export async function drive(target: Target, bodies: readonly Body[], concurrency: number): Promise<{ seconds: number; bytes: number }> {
  const headers = await uploadHeaders(target, bodies);
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const { batchId, installId, gzip } = bodies[i]!;
        const res = await fetch(`${target.urls[i % target.urls.length]}/v1/batches`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Encoding': 'gzip',
            ...headers.get(installId),
            'Idempotency-Key': batchId,
          },
          body: new Uint8Array(gzip),
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${target.id} answered ${res.status}: ${text.slice(0, 200)}`);
        bytes += gzip.length;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, bytes };
}

/** Bytes a recorded hour takes at rest: the chunks as the store keeps them (with their provenance), JSON against gzip'ed. */
async function bytesAtRest(templates: readonly Batch[]) {
  let json = 0;
  let gzip = 0;
  let from = Infinity;
  let to = -Infinity;
  for (const batch of templates) {
    for (const chunk of batch.chunks) {
      const stored = {
        ...chunk,
        batchId: batch.batchId,
        installId: batch.installId,
        orgId: batch.orgId,
        extensionVersion: batch.extensionVersion,
      };
      const encoded = await encodeChunk(stored);
      json += encoded.jsonBytes;
      gzip += encoded.data.length;
      for (const e of chunk.events) {
        from = Math.min(from, e.timestamp);
        to = Math.max(to, e.timestamp);
      }
    }
  }
  const hours = Math.max(1, to - from) / 3_600_000;
  return buildRow({
    id: 'store-bytes',
    title: `bytes stored per recorded hour (the captured session, ${((to - from) / 1000).toFixed(0)} s, scaled)`,
    columns: [
      { id: 'json', label: 'uncompressed JSON' },
      { id: 'gzip', label: "gzip'ed (as stored)" },
    ],
    metrics: [{ key: 'mbh', name: 'MB per recorded hour', unit: 'MB/h', ratio: true }],
    samples: [
      { variant: 'json', values: { mbh: json / 1e6 / hours } },
      { variant: 'gzip', values: { mbh: gzip / 1e6 / hours } },
    ],
    ratios: [['gzip', 'json']],
  });
}
