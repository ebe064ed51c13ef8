import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { ACTION_EVENT_TAG, type Action } from '../../lib/schema/action';
import type { Manifest } from '../../lib/schema/dataset-manifest';
import { parseFlags } from '../../exporter/cli/flags';
import { generateStore, openStore, rng, sessionEvents, storeSession, uuidFrom } from '../../exporter/bench/generate-store';
import { runExport, type ExportIo } from '../../exporter/pipeline/run-export';
import { main } from '../../exporter/main';
import { sha256File } from '../../exporter/output/file-digests';

/**
 * The flags that choose what an export holds, taken through a whole run (no
 * browser: --no-render): the session filters, the formats, and the final
 * privacy search over the finished folder.
 */
let root: string;
let store: string;
const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const SALT = { WEBTRACE_EXPORT_SALT: 'a-test-salt-of-enough-bytes' };
const io = (): ExportIo => ({ stderr: new PassThrough() as unknown as NodeJS.WriteStream, env: SALT });
const exportTo = (name: string, ...extra: string[]) =>
  runExport(parseFlags(['--data', store, '--out', path.join(root, name), '--no-render', '--quiet', ...extra], {}), io());
const SUM = (m: Manifest) => m.counts.train.steps + m.counts.test_task.steps + m.counts.test_site.steps;
const paths = (m: Manifest) => m.files.map((f) => f.path);

async function stepRows(out: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const f of (await readdir(path.join(out, 'steps'))).sort())
    rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(path.join(out, 'steps', f)) })));
  return rows;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-options-'));
  store = path.join(root, 'store');
  // Session s starts at T0 + s hours on https://site-{s % 4}.example.test, with 15 actions (one episode).
  await generateStore(store, { sessions: 12, stepsPerSession: 15, installs: 4, sites: 4, seed: 11 });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runExport filters and formats', () => {
  it('exports only the sessions --site, --from and --to select (--from inclusive, --to exclusive)', async () => {
    const whole = await exportTo('f-whole');
    expect(SUM(whole.manifest)).toBe(12 * 15);
    // The manifest lists every file the folder holds (but itself), each with its sha256.
    const onDisk = (await readdir(path.join(root, 'f-whole'), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(path.join(root, 'f-whole'), path.join(e.parentPath, e.name)))
      .filter((f) => f !== 'manifest.json');
    expect(paths(whole.manifest)).toEqual(onDisk.sort());
    for (const f of whole.manifest.files) expect(await sha256File(path.join(root, 'f-whole', f.path)), f.path).toBe(f.sha256);
    const site = 'https://site-1.example.test';
    const bySite = await exportTo('f-site', '--site', site);
    expect(bySite.manifest.filters.sites).toEqual([site]);
    const siteRows = await stepRows(path.join(root, 'f-site'));
    expect(siteRows.length).toBe(3 * 15);
    const uids = (rows: Array<Record<string, unknown>>) => rows.map((r) => String(r.action_uid)).sort();
    expect(uids(siteRows)).toEqual(uids((await stepRows(path.join(root, 'f-whole'))).filter((r) => r.site === site)));

    const byTime = await exportTo('f-time', '--from', String(T0 + 3 * HOUR), '--to', String(T0 + 7 * HOUR));
    expect(byTime.manifest.filters).toMatchObject({ from: T0 + 3 * HOUR, to: T0 + 7 * HOUR });
    expect(SUM(byTime.manifest)).toBe(4 * 15); // sessions 3, 4, 5 and 6
    const both = await exportTo('f-both', '--site', site, '--from', String(T0 + 3 * HOUR), '--to', String(T0 + 7 * HOUR));
    expect(SUM(both.manifest)).toBe(15); // session 5 alone
  });

  it('writes only the formats --formats asks for, and a card that points at them', async () => {
    const parquet = paths((await exportTo('fmt-parquet', '--formats', 'parquet')).manifest);
    expect(parquet.filter((p) => p.endsWith('.parquet')).length).toBeGreaterThanOrEqual(3);
    expect(parquet.filter((p) => !p.endsWith('.parquet'))).toEqual(['README.md']);

    const jsonl = paths((await exportTo('fmt-jsonl', '--formats', 'jsonl')).manifest);
    expect(jsonl.filter((p) => !p.startsWith('jsonl/'))).toEqual(['README.md']);
    expect(jsonl.some((p) => p.startsWith('jsonl/steps/'))).toBe(true);
    const card = await readFile(path.join(root, 'fmt-jsonl', 'README.md'), 'utf8');
    expect(card).toContain('path: jsonl/steps/train-*.jsonl');
    expect(card).not.toContain('.parquet\n');

    const views = paths((await exportTo('fmt-views', '--formats', 'views')).manifest);
    expect(views.filter((p) => !p.startsWith('views/'))).toEqual(['README.md']);
    expect(views.some((p) => p.startsWith('views/mind2web/')) && views.some((p) => p.startsWith('views/agentlab/'))).toBe(true);
  });
});

describe('runExport JSONL', () => {
  it('holds the same rows as the Parquet tables (run without a rendering: no images or DOM to turn into paths)', async () => {
    const out = path.join(root, 'j-whole');
    await exportTo('j-whole');
    // Keys sorted; hyparquet reads a null struct as undefined.
    const canonical = (v: unknown): unknown =>
      v === undefined
        ? null
        : Array.isArray(v)
          ? v.map(canonical)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([k, x]) => [k, canonical(x)]),
              )
            : v;
    for (const table of ['steps', 'episodes'] as const) {
      const key = table === 'steps' ? 'action_uid' : 'episode_id';
      const parquet: unknown[] = [];
      for (const f of (await readdir(path.join(out, table))).sort())
        for (const row of await parquetReadObjects({ file: await asyncBufferFromFile(path.join(out, table, f)) })) {
          const { dom_html_gz: _dom, ...rest } = row as Record<string, unknown>;
          if ('screenshot' in rest) rest.screenshot = (rest.screenshot as { path?: string } | null)?.path ?? null;
          parquet.push(rest);
        }
      const jsonl: unknown[] = [];
      for (const f of (await readdir(path.join(out, 'jsonl', table))).sort())
        for (const line of (await readFile(path.join(out, 'jsonl', table, f), 'utf8')).split('\n').filter(Boolean))
          jsonl.push(JSON.parse(line));
      const sorted = (rows: unknown[]) =>
        JSON.stringify(
          rows
            .map(canonical)
            .sort((a, b) => String((a as Record<string, unknown>)[key]).localeCompare(String((b as Record<string, unknown>)[key]))),
        );
      expect(jsonl.length, table).toBeGreaterThan(0);
      expect(sorted(jsonl), table).toBe(sorted(parquet));
    }
  });
});

describe('runExport Parquet files', () => {
  it('starts a new file once one passes its size, named {split}-0000k-of-0000n, with the same rows in groups of at most 100', async () => {
    const out = path.join(root, 'rolled');
    const small: ExportIo = { ...io(), tuning: { parquetBytes: 1 } }; // every full row group ends its file
    const { manifest } = await runExport(parseFlags(['--data', store, '--out', out, '--no-render', '--quiet'], {}), small);
    const files = paths(manifest).filter((p) => p.startsWith('steps/train-'));
    const n = String(files.length).padStart(5, '0');
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files).toEqual(files.map((_, k) => `steps/train-${String(k).padStart(5, '0')}-of-${n}.parquet`));
    for (const f of files) {
      const meta = await parquetMetadataAsync(await asyncBufferFromFile(path.join(out, f)));
      expect(meta.row_groups.every((g) => Number(g.num_rows) <= 100)).toBe(true);
    }
    const rows = async (dir: string) =>
      JSON.stringify((await stepRows(dir)).sort((a, b) => String(a.action_uid).localeCompare(String(b.action_uid))));
    await exportTo('rolled-whole');
    expect(await rows(out)).toBe(await rows(path.join(root, 'rolled-whole')));
  });
});

describe('runExport without a rendering', () => {
  it("gives each step its page title from the recording's <title>", async () => {
    const data = path.join(root, 'titled');
    const site = 'https://app.example.test';
    const events = sessionEvents(6, site, T0, rng(5));
    const html = (events[1]!.data as { node: { childNodes: Array<{ childNodes: Array<{ childNodes: unknown[] }> }> } }).node.childNodes[1]!;
    html.childNodes[0]!.childNodes.push({
      type: 2,
      tagName: 'title',
      id: 95,
      attributes: {},
      childNodes: [{ type: 3, id: 96, textContent: 'Orders – Acme' }],
    });
    const s = await openStore(data);
    await storeSession(s, { sessionId: uuidFrom(rng(6), 7), installId: uuidFrom(rng(7), 8), site, events });
    await s.close();
    await runExport(parseFlags(['--data', data, '--out', path.join(root, 'titled-out'), '--no-render', '--quiet'], {}), io());
    const rows = await stepRows(path.join(root, 'titled-out'));
    expect(rows.map((r) => r.page_title)).toEqual(Array(6).fill('Orders – Acme'));
  });
});

describe('the export report on stderr', () => {
  it('names each step the privacy gate dropped and each bad input, with their counts', async () => {
    const data = path.join(root, 'reported');
    const site = 'https://app.example.test';
    const events = sessionEvents(8, site, T0, rng(8));
    const click = events.find((e) => e.type === 5 && (e.data as { payload: Action }).payload.type === 'click')!;
    (click.data as { payload: Action }).payload.target!.name = 'Mail ada.lovelace@example.org';
    events.push({ type: 5, timestamp: T0 + 60_000, data: { tag: ACTION_EVENT_TAG, payload: { type: 'click', t: 'soon' } } });
    const s = await openStore(data);
    await storeSession(s, { sessionId: uuidFrom(rng(9), 3), installId: uuidFrom(rng(10), 4), site, events });
    await s.close();
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (b: Buffer) => (said += b.toString()));
    const args = ['--data', data, '--out', path.join(root, 'reported-out'), '--no-render', '--quiet'];
    expect(await main(args, { stderr: stderr as unknown as NodeJS.WriteStream, env: SALT })).toBe(0);
    expect(said).toMatch(/dropped: 1 steps by the privacy gate/);
    expect(said).toMatch(/\n\s+privacy: ep_[0-9a-f]{16}-\d{4} target\.name email\n/);
    expect(said).toMatch(/bad input: 0 sessions, 0 chunks, 1 actions\n\s+action sessions\/[0-9a-f-]{36}\/chunks\/\S+ event \d+: /);
    expect(said).not.toContain('ada.lovelace');
  });

  it('counts and names a session the store cannot read at all, and exports the others', async () => {
    const data = path.join(root, 'unreadable');
    await generateStore(data, { sessions: 2, stepsPerSession: 5, installs: 1, sites: 1, seed: 12 });
    const bad = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    await mkdir(path.join(data, 'sessions', bad, 'chunks'), { recursive: true });
    await writeFile(path.join(data, 'sessions', bad, 'meta.json'), '{"not": "a meta"');
    await writeFile(path.join(data, 'sessions', bad, 'chunks', '000000-00000000.json.gz'), 'not gzip');
    const outcome = await runExport(
      parseFlags(['--data', data, '--out', path.join(root, 'unreadable-out'), '--no-render', '--quiet'], {}),
      io(),
    );
    expect(outcome.manifest.dropped.bad_sessions).toBe(1);
    expect(outcome.problems).toContainEqual(expect.objectContaining({ what: 'session', name: `sessions/${bad}` }));
    expect(SUM(outcome.manifest)).toBe(2 * 5);
  });
});

describe('the final privacy search in a run', () => {
  it('fails the export with exit code 3 and leaves nothing when the finished folder holds PII no step carries', async () => {
    // The split seed is the operator's and is written into the dataset card only: no step row, so only the
    // search over the finished folder can see it.
    const out = path.join(root, 'seeded');
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (b: Buffer) => (said += b.toString()));
    const code = await main(['--data', store, '--out', out, '--no-render', '--quiet', '--split-seed', 'ada.lovelace@example.org'], {
      stderr: stderr as unknown as NodeJS.WriteStream,
      env: SALT,
    });
    expect(code, said).toBe(3);
    expect(said).toMatch(/PRIVACY FAILURE.*\n\s+README\.md text email/);
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });
});
