import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test, expect } from './support/fixtures';
import type { StepRow } from '../lib/schema/dataset-row';
import type { Manifest } from '../lib/schema/dataset-manifest';
import { SPLITS } from '../lib/schema/dataset-primitives';
import type { Mind2WebTask } from '../lib/schema/dataset-views';
import { duckRows, jsonLines, parquetText, pngSize, pythonCallsThatFail, runExportCli } from './support/run-export';
import { recordTestApp, TYPED } from './support/test-app-session';
import { secretsIn, readTree } from './support/find-secrets';

/**
 * The dataset export end to end: the test app recorded through the real
 * extension into the real server, exported by the real command from the
 * server's store, and every file read back (Parquet through DuckDB).
 */
type StepLine = Pick<StepRow, 'action_uid' | 'step_index' | 't_ms' | 'flags' | 'page_title'> & {
  type: string;
  target_present: boolean;
  node_id: number | null;
  verified: boolean | null;
  viewport: { width: number; height: number } | null;
  screenshot_size: { width: number; height: number } | null;
  shot: string | null;
  bbox_norm: { x: number; y: number; width: number; height: number } | null;
  browsergym: string | null;
  pyautogui: string | null;
  webarena: string | null;
  repr: string | null;
  located: string | null;
  tried: string[] | null;
};

const STEP_SELECT = `action_uid, step_index, t_ms, flags, page_title, action.type as type, target is not null as target_present, target.node_id as node_id,
  list_bool_or(list_transform(target.selectors, s -> s.verified)) as verified, observation.viewport as viewport, observation.screenshot_size as screenshot_size,
  to_base64(screenshot.bytes) as shot, derived.bbox_norm as bbox_norm, derived.browsergym as browsergym, derived.pyautogui as pyautogui,
  derived.webarena as webarena, derived.mind2web_action_repr as repr, target.located as located,
  list_transform(target.selectors, s -> s.kind || ' ' || s.value || ' matched ' || coalesce(s.match_count::varchar, '-')) as tried`;

test('exported steps: one per recorded action, screenshots at the viewport size, boxes inside, verified selectors, parseable actions, identical reruns, shards that add up', async ({
  server,
  app,
  ext,
}) => {
  test.setTimeout(240_000);
  const actions = await recordTestApp(ext, server, app);
  expect(actions.length).toBeGreaterThan(15);
  const root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-e2e-'));
  try {
    const run = async (name: string, ...extra: string[]) => {
      const out = path.join(root, name);
      const r = await runExportCli(['--data', server.dataDir, '--out', out, '--split-seed', 'e2e', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return { out, stderr: r.stderr };
    };
    const whole = await run('whole');
    expect(whole.stderr).toMatch(/\d+\/\d+ steps \| [\d.]+ steps\/s \| ETA/); // plain progress lines: stderr is not a terminal

    const steps = await duckRows<StepLine>(whole.out, 'steps/*.parquet', STEP_SELECT, 'order by step_index');
    // One step per recorded action, in order (one session, one site, no idle gap: one episode).
    expect(steps.map((s) => s.type)).toEqual(actions.map((a) => a.type));
    expect(steps.map((s) => s.t_ms)).toEqual(actions.map((a) => a.t - actions[0]!.t));
    expect(new Set(steps.map((s) => s.action_uid.split('-')[0])).size).toBe(1);
    // Each step names its page: the sign-in page's title, then the app's (e2e/app/*.html).
    expect([...new Set(steps.map((s) => s.page_title))]).toEqual(['Acme Orders – Sign in', 'Acme Orders']);

    // Every step has a screenshot of the recorded viewport size, and every box lies inside it.
    const viewport = await recordedViewport(server);
    for (const s of steps) {
      expect(s.shot, `${s.action_uid} has a screenshot`).not.toBeNull();
      expect(pngSize(Buffer.from(s.shot!, 'base64')), s.action_uid).toEqual(viewport);
      expect(s.screenshot_size).toEqual(viewport);
      expect(s.viewport).toEqual(viewport);
      if (s.bbox_norm) {
        const b = s.bbox_norm;
        expect(
          b.x >= 0 && b.y >= 0 && b.width >= 0 && b.height >= 0 && b.x + b.width <= 1 + 1e-9 && b.y + b.height <= 1 + 1e-9,
          `${s.action_uid} ${JSON.stringify(b)}`,
        ).toBe(true);
      }
    }
    const targeted = steps.filter((s) => s.target_present);
    expect(targeted.filter((s) => s.bbox_norm).length, 'most targets are in view').toBeGreaterThan(targeted.length * 0.9);
    const verified = targeted.filter((s) => s.verified).length;
    console.log(`verified selectors on the test app: ${verified}/${targeted.length}`);
    expect(
      verified / targeted.length,
      targeted
        .filter((s) => !s.verified)
        .map((s) => `${s.action_uid} ${s.type} located by ${s.located}: ${s.tried?.join('; ')}`)
        .join('\n'),
    ).toBeGreaterThanOrEqual(0.99);

    // Every derived action string parses: BrowserGym and pyautogui as Python calls, WebArena and Mind2Web by their shape.
    const python = steps.flatMap((s) => [s.browsergym, s.pyautogui]).filter((x): x is string => x !== null);
    expect(python.length).toBeGreaterThan(steps.length);
    expect(await pythonCallsThatFail(python)).toEqual([]);
    for (const s of steps) {
      if (s.webarena) expect(s.webarena).toMatch(/^(click|type|press|scroll|goto) \[.*\]$/);
      if (s.repr) expect(s.repr).toMatch(/^\[[a-z]+\] .* -> (CLICK|TYPE|SELECT)(: .*)?$/);
    }
    expect(steps.find((s) => s.type === 'type')!.browsergym).toMatch(/^fill\('\d+', '\*+'\)$/);
    expect(steps.find((s) => s.type === 'select' && s.browsergym?.startsWith('select_option'))!.browsergym).toMatch(
      /^select_option\('\d+', 'Shipped'\)$/,
    );

    // The Mind2Web view has its fields, the target among the positive candidates.
    const tasks = await jsonLines<Mind2WebTask>(whole.out, 'views/mind2web/*.jsonl');
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!;
    expect(task.website).toBe(app.origin);
    expect(task.actions.length).toBe(task.action_reprs.length);
    expect(task.actions.length).toBeGreaterThanOrEqual(10);
    for (const a of task.actions) {
      expect(['CLICK', 'TYPE', 'SELECT']).toContain(a.operation.op);
      expect(typeof a.operation.original_op).toBe('string');
      expect(typeof a.operation.value).toBe('string');
      expect(a.pos_candidates.length).toBe(1);
      expect(a.pos_candidates[0]!.backend_node_id).toMatch(/^\d+$/);
      expect(JSON.parse(a.pos_candidates[0]!.attributes).bounding_box_rect).toMatch(/^[\d.-]+,[\d.-]+,[\d.]+,[\d.]+$/);
      expect(a.neg_candidates.every((c) => !c.is_original_target)).toBe(true);
    }
    const step = steps.find((s) => s.action_uid === task.actions[0]!.action_uid)!;
    expect(task.actions[0]!.pos_candidates[0]!.backend_node_id).toBe(String(step.node_id));

    // jsonl/ has the same steps, the screenshot and DOM as files under screenshots/ and dom/ (the Parquet's bytes).
    const lines = await jsonLines<{ action_uid: string; screenshot: string | null; dom_path: string | null }>(
      whole.out,
      'jsonl/steps/*.jsonl',
    );
    expect(lines.map((l) => l.action_uid).sort()).toEqual(steps.map((s) => s.action_uid).sort());
    for (const l of lines) {
      const s = steps.find((x) => x.action_uid === l.action_uid)!;
      expect(l.screenshot, l.action_uid).toMatch(/^screenshots\/ep_[0-9a-f]{16}\/\d{4}\.png$/);
      expect((await readFile(path.join(whole.out, l.screenshot!))).toString('base64'), l.action_uid).toBe(s.shot);
      expect(l.dom_path, l.action_uid).toMatch(/^dom\/ep_[0-9a-f]{16}\/\d{4}\.html\.gz$/);
      expect(gunzipSync(await readFile(path.join(whole.out, l.dom_path!))).toString('utf8')).toContain('data-webtrace-id=');
    }

    // Nothing typed is anywhere in the output (Parquet decompressed through DuckDB, every other file as written).
    const decoded = await parquetText(whole.out);
    expect(decoded).toContain('Submit order');
    expect(decoded).toContain('data-webtrace-rect=');
    for (const [file, text] of await readTree(whole.out)) expect(secretsIn(text, Object.values(TYPED)), file).toEqual([]);
    expect(secretsIn(decoded, Object.values(TYPED))).toEqual([]);

    // The same seed again: identical files, byte for byte.
    const again = await run('again');
    const manifest = JSON.parse(await readFile(path.join(whole.out, 'manifest.json'), 'utf8')) as Manifest;
    expect(await readFile(path.join(again.out, 'manifest.json'), 'utf8')).toBe(
      await readFile(path.join(whole.out, 'manifest.json'), 'utf8'),
    );
    expect(manifest.files.some((f) => f.path.startsWith('screenshots/'))).toBe(true);
    // The manifest says what the rows hold: counts, quality shares, modalities; and lists every file with its sha256.
    const split = SPLITS.find((s) => manifest.counts[s].steps > 0)!;
    expect(manifest.counts[split].steps).toBe(steps.length);
    expect(manifest.quality).toMatchObject({ steps_with_target: targeted.length, verified });
    expect(manifest.quality.verified_share).toBe(Math.round((verified / targeted.length) * 10_000) / 10_000);
    expect(manifest.quality.located_share).toBeGreaterThanOrEqual(0.99);
    expect(manifest.modalities[split]).toEqual(['screenshot', 'dom', 'axtree', 'candidates']);
    const onDisk = (await readTree(whole.out)).map(([f]) => f).filter((f) => f !== 'manifest.json');
    expect(manifest.files.map((f) => f.path)).toEqual(onDisk.sort());
    for (const f of manifest.files)
      expect(
        createHash('sha256')
          .update(await readFile(path.join(whole.out, f.path)))
          .digest('hex'),
        f.path,
      ).toBe(f.sha256);
    // Running it once more over the finished export does nothing.
    expect((await run('whole')).stderr).toMatch(/already holds this export/);

    // Two shards give exactly the steps of the whole run.
    const halves = await Promise.all([run('shard-1', '--shard', '1/2'), run('shard-2', '--shard', '2/2')].map(async (p) => p));
    const rows = (dir: string) => duckRows(dir, 'steps/*.parquet', `* exclude (screenshot, dom_html_gz)`, 'order by action_uid');
    const union = [...(await rows(halves[0]!.out)), ...(await rows(halves[1]!.out))].sort((a, b) =>
      String(a.action_uid).localeCompare(String(b.action_uid)),
    );
    expect(JSON.stringify(union)).toBe(JSON.stringify(await rows(whole.out)));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

/** The viewport the recorder saw: rrweb's Meta event of the session's first page. */
async function recordedViewport(server: { read<T>(p: string): Promise<T> }): Promise<{ width: number; height: number }> {
  const { sessions } = await server.read<{ sessions: Array<{ id: string }> }>('/v1/sessions');
  const events = await server.read<Array<{ type: number; data: { width?: number; height?: number } }>>(
    `/v1/sessions/${sessions[0]!.id}/events`,
  );
  const meta = events.find((e) => e.type === 4)!;
  return { width: meta.data.width!, height: meta.data.height! };
}
