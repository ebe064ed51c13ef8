import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema, type Manifest } from '../../lib/schema/dataset-manifest';
import { adminExportsPageSchema, exportLineageSchema } from '../../lib/schema/export-lineage';
import { generateStore, openStore } from '../../exporter/bench/generate-store';
import { main } from '../../exporter/main';
import { AuditLog } from '../../server/audit/audit-log';
import { ADMIN_TOKEN, eraseAsAdmin, makeLifecycleApp } from '../server/lifecycle/lifecycle-harness';

/**
 * Lineage (issues 13, 16): the server keeps which install each of an
 * export's pseudonyms stands for (never the dataset); an erasure marks the
 * exports that held the install; `--rebuild-of` re-runs the export without it.
 */
let root: string;
let data: string;
let installs: string[];
let sessionIds: string[];
const SALT = 'a-test-salt-of-enough-bytes';
let said = '';
/** Runs the CLI; what it wrote to stderr is left in `said`. */
async function run(argv: string[], salt = SALT): Promise<number> {
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  err.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(argv, { stderr: err as unknown as NodeJS.WriteStream, env: { WEBTRACE_EXPORT_SALT: salt } });
  said = Buffer.concat(chunks).toString('utf8');
  return code;
}
const manifestOf = async (out: string): Promise<Manifest> =>
  manifestSchema.parse(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Every step row of the JSONL files, as written, keyed by its split (the file it is in). */
async function stepLines(out: string): Promise<string[]> {
  const dir = path.join(out, 'jsonl', 'steps');
  const lines: string[] = [];
  for (const f of (await readdir(dir)).sort())
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean)) lines.push(`${f.split('-')[0]}\t${line}`);
  return lines.sort();
}

/** All the text an export holds: every file's bytes (gunzipped where gzip), and the Parquet rows decoded. */
async function outputText(out: string): Promise<string> {
  const parts: string[] = [];
  for (const file of await filesUnder(out)) {
    const bytes = await readFile(file);
    parts.push(bytes.toString('latin1'));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) parts.push(gunzipSync(bytes).toString('utf8'));
    if (file.endsWith('.parquet'))
      parts.push(
        JSON.stringify(await parquetReadObjects({ file: await asyncBufferFromFile(file) }), (_k, v) =>
          typeof v === 'bigint' ? String(v) : v,
        ),
      );
  }
  return parts.join('\n');
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'webtrace-lineage-'));
  data = path.join(root, 'store');
  await generateStore(data, { sessions: 8, stepsPerSession: 6, installs: 2, sites: 2, seed: 11 });
  const store = await openStore(data);
  const metas = await store.listSessions();
  installs = [...new Set(metas.map((s) => s.installId))].sort();
  sessionIds = metas.map((s) => s.id);
  await store.close();
  expect(installs).toHaveLength(2);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('export lineage', () => {
  it('lists the pseudonyms in the manifest, keeps the mapping in the data dir only, and rebuilds without an erased install', async () => {
    const first = path.join(root, 'first');
    expect(await run(['--data', data, '--out', first, '--no-render', '--quiet', '--formats', 'parquet,jsonl,views'])).toBe(0);
    const m = await manifestOf(first);
    expect(m.export_id).toMatch(/^exp_[0-9a-f]{24}$/);
    expect(m.rebuild_of).toBeNull();
    expect(m.installs).toHaveLength(2);
    expect(m.installs.map((i) => i.pseudonym)).toEqual(m.installs.map((i) => i.pseudonym).sort());
    const total = Object.values(m.counts).reduce((n, c) => n + c.steps, 0);
    expect(m.installs.reduce((n, i) => n + i.steps, 0)).toBe(total);
    expect(m.installs.reduce((n, i) => n + i.episodes, 0)).toBe(Object.values(m.counts).reduce((n, c) => n + c.episodes, 0));

    // No install or session id in any output byte (Parquet decoded too, with or without dashes); the mapping is in the data dir.
    const text = await outputText(first);
    expect(sessionIds).toHaveLength(8);
    for (const id of [...installs, ...sessionIds]) expect(text.includes(id) || text.includes(id.replace(/-/g, '')), id).toBe(false);
    const record = exportLineageSchema.parse(JSON.parse(await readFile(path.join(data, 'exports', `${m.export_id}.json`), 'utf8')));
    expect(record.installs.map((e) => ('installId' in e ? e.installId : null)).sort()).toEqual(installs);
    expect(record.installs.map((e) => e.pseudonym)).toEqual(m.installs.map((i) => i.pseudonym));
    expect(record.settings.formats).toEqual(['jsonl', 'parquet', 'views']);

    // Erasure through the server's erase path marks the export; the mapping keeps only the pseudonym.
    const [erased, kept] = installs as [string, string];
    const erasedPseudonym = record.installs.find((e) => 'installId' in e && e.installId === erased)!.pseudonym;
    const app = makeLifecycleApp(data);
    try {
      const before = await app.inject({ url: '/v1/admin/exports', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(adminExportsPageSchema.parse(before.json()).exports).toEqual([
        {
          exportId: m.export_id,
          createdAt: record.createdAt,
          rebuildOf: null,
          filters: m.filters,
          installs: 2,
          erasedInstalls: 0,
          needsRebuild: false,
        },
      ]);
      const res = await eraseAsAdmin(app, erased);
      expect(res.statusCode, res.body).toBe(200);
      const after = await app.inject({ url: '/v1/admin/exports?needsRebuild=true', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(adminExportsPageSchema.parse(after.json()).exports).toMatchObject([
        { exportId: m.export_id, installs: 2, erasedInstalls: 1, needsRebuild: true },
      ]);
      const bad = await app.inject({ url: '/v1/admin/exports?needsRebuild=maybe', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/needsRebuild/);
    } finally {
      await app.close();
    }
    const marked = await readFile(path.join(data, 'exports', `${m.export_id}.json`), 'utf8');
    expect(marked.includes(erased)).toBe(false);
    expect(exportLineageSchema.parse(JSON.parse(marked)).installs).toContainEqual({ pseudonym: erasedPseudonym, erased: true });
    const { entries } = await (await AuditLog.open(data)).entries({ limit: 100 });
    expect(entries.map((e) => e.action)).toEqual(['session.export', 'export.list', 'subject.erase', 'export.list']);
    expect(entries[0]!.ids[0]).toBe(m.export_id);
    expect(entries[2]!.counts).toMatchObject({ exports: 1 });

    // The rebuild: the erased pseudonym is gone, the other install's rows are byte for byte what they were.
    const rebuilt = path.join(root, 'rebuilt');
    expect(await run(['--rebuild-of', m.export_id, '--data', data, '--out', rebuilt, '--quiet'])).toBe(0);
    const r = await manifestOf(rebuilt);
    expect(r.rebuild_of).toBe(m.export_id);
    expect(r.export_id).not.toBe(m.export_id);
    expect(r.installs).toEqual(m.installs.filter((i) => i.pseudonym !== erasedPseudonym));
    expect({ ...r.filters, seed: r.split_seed, shares: r.split_shares, formats: r.formats, shard: r.shard, rendered: r.rendered }).toEqual({
      ...m.filters,
      seed: m.split_seed,
      shares: m.split_shares,
      formats: m.formats,
      shard: m.shard,
      rendered: m.rendered,
    });
    const was = await stepLines(first);
    const now = await stepLines(rebuilt);
    const keptSteps = m.installs.find((i) => i.pseudonym !== erasedPseudonym)!.steps;
    expect(now).toHaveLength(keptSteps);
    expect(keptSteps).toBeGreaterThan(0);
    expect(keptSteps).toBeLessThan(was.length);
    const wasSet = new Set(was);
    expect(now.filter((line) => !wasSet.has(line))).toEqual([]);
    for (const id of installs) expect((await outputText(rebuilt)).includes(id), id).toBe(false);

    // The rebuild has its own lineage: the remaining install only, needing no rebuild.
    const app2 = makeLifecycleApp(data);
    try {
      const list = await app2.inject({ url: '/v1/admin/exports', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(adminExportsPageSchema.parse(list.json()).exports.map((e) => [e.rebuildOf, e.installs, e.needsRebuild])).toEqual([
        [null, 2, true],
        [m.export_id, 1, false],
      ]);
    } finally {
      await app2.close();
    }
    const again = exportLineageSchema.parse(JSON.parse(await readFile(path.join(data, 'exports', `${r.export_id}.json`), 'utf8')));
    expect(again.installs).toEqual([
      { pseudonym: r.installs[0]!.pseudonym, installId: kept, ...r.installs.map(({ episodes, steps }) => ({ episodes, steps }))[0] },
    ]);
  });

  it('refuses a rebuild of an unknown export, with other settings, or with another salt', async () => {
    const out = path.join(root, 'refused');
    expect(await run(['--rebuild-of', 'exp_000000000000000000000000', '--data', data, '--out', out, '--quiet'])).toBe(2);
    expect(said).toMatch(/--rebuild-of exp_0{24}: the store at .* has no record of that export/);
    expect(await run(['--rebuild-of', 'not-an-id', '--data', data, '--out', out])).toBe(2);
    expect(said).toMatch(/--rebuild-of must be an export id/);
    const base = path.join(root, 'base');
    expect(await run(['--data', data, '--out', base, '--no-render', '--quiet'])).toBe(0);
    const id = (await manifestOf(base)).export_id;
    expect(await run(['--rebuild-of', id, '--data', data, '--out', out, '--split-seed', 'other'])).toBe(2);
    expect(said).toMatch(/--split-seed cannot be given with --rebuild-of/);
    expect(await run(['--rebuild-of', id, '--data', data, '--out', out, '--quiet'], 'another-salt-of-enough-bytes')).toBe(2);
    expect(said).toMatch(/this salt is not the one that export was made with/);
    await expect(readFile(path.join(out, 'manifest.json'))).rejects.toThrow();
  });
});
