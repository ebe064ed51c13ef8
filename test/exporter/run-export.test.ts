import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { ACTION_EVENT_TAG, type Action } from '../../lib/schema/action';
import type { Manifest } from '../../lib/schema/dataset-manifest';
import { parseFlags } from '../../exporter/cli/flags';
import { generateStore, openStore, rng, sessionEvents, storeSession, uuidFrom } from '../../exporter/bench/generate-store';
import { runExport, type ExportIo } from '../../exporter/pipeline/run-export';
import { main } from '../../exporter/main';

/**
 * The export run as a whole on generated stores (no browser: --no-render),
 * through the real store code: determinism, shards, resumption, duplicates,
 * bad input and the privacy gate.
 */
let root: string;
const io = (tuning?: ExportIo['tuning']): ExportIo => ({
  stderr: new PassThrough() as unknown as NodeJS.WriteStream,
  env: { WEBTRACE_EXPORT_SALT: 'a-test-salt-of-enough-bytes' },
  tuning,
});
const readManifest = async (out: string) => JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
const flags = (data: string, out: string, ...extra: string[]) =>
  parseFlags(['--data', data, '--out', out, '--no-render', '--quiet', ...extra], {});

async function stepRows(out: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const f of (await readdir(path.join(out, 'steps'))).sort())
    rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(path.join(out, 'steps', f)) })));
  return rows.sort((a, b) => String(a.action_uid).localeCompare(String(b.action_uid)));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-run-'));
  await generateStore(path.join(root, 'store'), { sessions: 24, stepsPerSession: 15, installs: 8, sites: 4, seed: 7 });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runExport', () => {
  it('gives the same bytes for the same input and seed, and other pseudonyms for another seed', async () => {
    const store = path.join(root, 'store');
    const a = await runExport(flags(store, path.join(root, 'a')), io());
    const b = await runExport(flags(store, path.join(root, 'b')), io());
    expect(a.manifest.files.length).toBeGreaterThan(5);
    expect(JSON.stringify(b.manifest)).toBe(JSON.stringify(a.manifest));
    for (const f of a.manifest.files)
      expect(Buffer.compare(await readFile(path.join(root, 'a', f.path)), await readFile(path.join(root, 'b', f.path))), f.path).toBe(0);
    const c = await runExport(flags(store, path.join(root, 'c'), '--split-seed', 'other'), io());
    expect(SUM(c.manifest)).toBe(SUM(a.manifest));
    expect((await stepRows(path.join(root, 'c')))[0]!.episode_id).not.toBe((await stepRows(path.join(root, 'a')))[0]!.episode_id);
  });

  it('cuts it into shards that together hold exactly the steps of the whole export', async () => {
    const store = path.join(root, 'store');
    const whole = await runExport(flags(store, path.join(root, 'whole')), io());
    const shards = [];
    for (const i of [1, 2, 3]) shards.push(await runExport(flags(store, path.join(root, `s${i}`), '--shard', `${i}/3`), io()));
    expect(shards.every((s) => SUM(s.manifest) > 0)).toBe(true);
    expect(shards.reduce((n, s) => n + SUM(s.manifest), 0)).toBe(SUM(whole.manifest));
    const union = (await Promise.all([1, 2, 3].map((i) => stepRows(path.join(root, `s${i}`)))))
      .flat()
      .sort((x, y) => String(x.action_uid).localeCompare(String(y.action_uid)));
    expect(JSON.stringify(union)).toBe(JSON.stringify(await stepRows(path.join(root, 'whole'))));
    expect(shards.map((s) => s.manifest.dropped.other_shards_episodes).reduce((a, b) => a + b)).toBe(
      2 * whole.manifest.counts.train.episodes +
        2 * whole.manifest.counts.test_task.episodes +
        2 * whole.manifest.counts.test_site.episodes,
    );
  });

  it("merges the finished shards into one dataset with the whole run's steps, counts and digests, and refuses shards that do not make a whole", async () => {
    const store = path.join(root, 'store');
    const whole = (await runExport(flags(store, path.join(root, 'm-whole'), '--formats', 'parquet,jsonl,views'), io())).manifest;
    for (const i of [1, 2, 3]) await runExport(flags(store, path.join(root, `m${i}`), '--shard', `${i}/3`), io());
    const out = path.join(root, 'merged');
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (b: Buffer) => (said += b.toString()));
    const code = await main(['merge', '--out', out, ...[3, 1, 2].map((i) => path.join(root, `m${i}`))], {
      stderr: stderr as unknown as NodeJS.WriteStream,
      env: {},
    });
    expect(code, said).toBe(0);
    const merged = await readManifest(out);
    expect(merged.shard).toEqual({ index: 1, count: 1 });
    expect(merged.counts).toEqual(whole.counts);
    expect(merged.quality).toEqual(whole.quality);
    expect(merged.dropped).toEqual(whole.dropped);
    expect(JSON.stringify(await stepRows(out))).toBe(JSON.stringify(await stepRows(path.join(root, 'm-whole'))));
    // Shard files renumbered over the whole; every file listed with its digest; the card's configs find them.
    const stepFiles = merged.files.map((f) => f.path).filter((p) => p.startsWith('steps/train-'));
    expect(stepFiles.length).toBeGreaterThanOrEqual(3);
    expect(
      stepFiles.every((p, k) => p === `steps/train-${String(k).padStart(5, '0')}-of-${String(stepFiles.length).padStart(5, '0')}.parquet`),
    ).toBe(true);
    const { sha256File } = await import('../../exporter/output/file-digests');
    for (const f of merged.files) expect(await sha256File(path.join(out, f.path)), f.path).toBe(f.sha256);
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toContain('path: steps/train-*.parquet');

    const refused = async (...dirs: string[]) => {
      let text = '';
      const err = new PassThrough();
      err.on('data', (b: Buffer) => (text += b.toString()));
      const c = await main(['merge', '--out', path.join(root, 'refused'), ...dirs.map((d) => path.join(root, d))], {
        stderr: err as unknown as NodeJS.WriteStream,
        env: {},
      });
      return { c, text };
    };
    expect(await refused('m1', 'm3')).toMatchObject({ c: 2, text: expect.stringContaining('shard 2/3 missing') });
    expect(await refused('m1', 'm2', 'm2', 'm3')).toMatchObject({ c: 2, text: expect.stringContaining('given twice') });
    expect(await refused('m1', 'm2', 'c')).toMatchObject({ c: 2, text: expect.stringMatching(/split_seed differs|shard of 1/) });
    expect(await refused('m1', 'nowhere')).toMatchObject({ c: 2, text: expect.stringContaining('no valid manifest.json') });
  });

  it('resumes an interrupted export where it stopped, to the same bytes', async () => {
    const store = path.join(root, 'store');
    const out = path.join(root, 'resumed');
    const stopAfterPart = io({
      partSteps: 60,
      afterPart: (i) => {
        if (i === 1) throw new Error('interrupted');
      },
    });
    await expect(runExport(flags(store, out), stopAfterPart)).rejects.toThrow('interrupted');
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(false);
    const planned: number[] = [];
    const resumed = await runExport(flags(store, out), io({ partSteps: 60, onSession: (i) => planned.push(i) }));
    expect(planned[0]).toBeGreaterThan(0); // the finished parts' sessions were skipped
    const fresh = await runExport(flags(store, path.join(root, 'fresh')), io({ partSteps: 60 }));
    expect(JSON.stringify(resumed.manifest)).toBe(JSON.stringify(fresh.manifest));
    expect(existsSync(path.join(out, '.work'))).toBe(false);
    // A finished export is not redone.
    const again: number[] = [];
    expect((await runExport(flags(store, out), io({ onSession: (i) => again.push(i) }))).alreadyComplete).toBe(true);
    expect(again).toEqual([]);
  });

  it('refuses to write into a folder that holds something else', async () => {
    const out = path.join(root, 'foreign');
    await rm(out, { recursive: true, force: true });
    await (await import('node:fs/promises')).mkdir(out);
    await writeFile(path.join(out, 'thesis.tex'), 'x');
    await expect(runExport(flags(path.join(root, 'store'), out), io())).rejects.toThrow(/not a webtrace export/);
    expect(await readFile(path.join(out, 'thesis.tex'), 'utf8')).toBe('x');
  });
});

describe('runExport on awkward input', () => {
  let data: string;
  const install = uuidFrom(rng(3), 1);
  const session = (n: number) => uuidFrom(rng(100 + n), 5_000 + n);
  beforeAll(async () => {
    data = path.join(root, 'awkward');
    const store = await openStore(data);
    const site = 'https://app.example.test';
    // Two sessions with the same actions on the same pages: exact duplicates.
    for (const n of [0, 1])
      await storeSession(store, {
        sessionId: session(n),
        installId: install,
        site,
        events: sessionEvents(12, site, 1_700_000_000_000 + n * 1000, rng(42)),
      });
    // One with an unscrubbed email in a target's name (the gate must drop that step).
    const leaky = sessionEvents(8, site, 1_700_100_000_000, rng(43));
    const click = leaky.find((e) => e.type === 5 && (e.data as { payload: Action }).payload.type === 'click')!;
    (click.data as { payload: Action }).payload.target!.name = 'Mail ada.lovelace@example.org';
    await storeSession(store, { sessionId: session(2), installId: install, site, events: leaky });
    // One whose second chunk is corrupt, and one malformed action.
    const long = sessionEvents(150, site, 1_700_200_000_000, rng(44));
    long.splice(5, 0, { type: 5, timestamp: long[4]!.timestamp, data: { tag: ACTION_EVENT_TAG, payload: { type: 'click', t: 'soon' } } });
    await storeSession(store, { sessionId: session(3), installId: install, site, events: long });
  });

  it('collapses duplicates, drops and names a step with PII, and reports bad chunks and actions by name without stopping', async () => {
    const chunkDir = path.join(data, 'sessions', session(3), 'chunks');
    const second = (await readdir(chunkDir)).sort()[1]!;
    await writeFile(path.join(chunkDir, second), '{"not": "a chunk"');
    const outcome = await runExport(flags(data, path.join(root, 'awkward-out')), io());
    const m = outcome.manifest;
    expect(m.dropped.duplicate_episodes).toBe(1);
    expect(m.dropped.privacy_steps).toBe(1);
    expect(m.dropped.privacy_named).toContainEqual(expect.stringMatching(/^ep_[0-9a-f]{16}-\d{4} target\.name email$/));
    expect(new Set(m.dropped.privacy_named.map((n) => n.split(' ')[0])).size).toBe(1); // one step, named once per field
    expect(m.dropped.bad_chunks).toBe(1);
    expect(m.dropped.bad_actions).toBe(1);
    expect(outcome.problems.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        `sessions/${session(3)}/chunks/${second}`,
        expect.stringMatching(new RegExp(`^sessions/${session(3)}/chunks/.* event 5$`)),
      ]),
    );
    // The corrupt chunk's page is cut there: only the actions before it are steps.
    const total = m.counts.train.steps + m.counts.test_task.steps + m.counts.test_site.steps;
    expect(total).toBe(12 + 7 + long_steps_before_second_chunk());
    const text = (
      await Promise.all(
        m.files.filter((f) => f.path.endsWith('.jsonl')).map((f) => readFile(path.join(root, 'awkward-out', f.path), 'utf8')),
      )
    ).join('');
    expect(text).not.toContain('ada.lovelace');
    expect(text).not.toContain(session(0));
    expect(text).not.toContain(install);
  });

  it('fails with exit code 3 and leaves nothing when it finds a card number', async () => {
    const cardData = path.join(root, 'card');
    const store = await openStore(cardData);
    const events = sessionEvents(6, 'https://pay.example.test', 1_700_000_000_000, rng(9));
    const click = events.find((e) => e.type === 5 && (e.data as { payload: Action }).payload.type === 'click')!;
    (click.data as { payload: Action }).payload.target!.name = 'Pay with 4111 1111 1111 1111';
    await storeSession(store, { sessionId: session(9), installId: install, site: 'https://pay.example.test', events });
    const out = path.join(root, 'card-out');
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (b: Buffer) => (said += b.toString()));
    const code = await main(['--data', cardData, '--out', out, '--no-render', '--quiet'], {
      stderr: stderr as unknown as NodeJS.WriteStream,
      env: { WEBTRACE_EXPORT_SALT: 'a-test-salt-of-enough-bytes' },
    });
    expect(code).toBe(3);
    expect(said).toMatch(/PRIVACY FAILURE.*\n.*ep_[0-9a-f]{16}-\d{4} target\.name card/);
    expect(said).not.toContain('4111');
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);
  });
});

const SUM = (m: Manifest) => m.counts.train.steps + m.counts.test_task.steps + m.counts.test_site.steps;

/** Actions of the 150-step session in its first chunk (200 events, the malformed one among them). */
function long_steps_before_second_chunk(): number {
  const events = sessionEvents(150, 'https://app.example.test', 1_700_200_000_000, rng(44));
  events.splice(5, 0, { type: 5, timestamp: 0, data: { tag: 'x' } });
  return events.slice(0, 200).filter((e) => e.type === 5 && (e.data as { tag?: string }).tag === ACTION_EVENT_TAG).length;
}
