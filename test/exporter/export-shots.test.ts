import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import type { Action } from '../../lib/schema/action';
import type { ShotTrigger } from '../../lib/schema/screenshot';
import { parseFlags } from '../../exporter/cli/flags';
import { openStore, rng, sessionEvents, storeSession, uuidFrom } from '../../exporter/bench/generate-store';
import { runExport, type ExportIo } from '../../exporter/pipeline/run-export';
import type { SessionStore } from '../../server/store/session-store';
import { shotRecord, webp } from '../support/shot-fixtures';

/**
 * The export over an fs store that holds captured shots (issue 15), through
 * the store's own putShot/listShots/readShotImage: the chosen step carries
 * the stored bytes, its size and scale come from the shot, bbox_norm is a
 * fraction of the shot's image, and a step with no shot in its window has
 * none. --no-render, so every screenshot in the dataset is a capture.
 */
let root: string;
let data: string;
const SITE = 'https://shots.example.test';
const sessionId = uuidFrom(rng(5), 77);
const installId = uuidFrom(rng(6), 78);
const io: ExportIo = {
  stderr: new PassThrough() as unknown as NodeJS.WriteStream,
  env: { WEBTRACE_EXPORT_SALT: 'a-test-salt-of-enough-bytes' },
};
const exportTo = (out: string) => runExport(parseFlags(['--data', data, '--out', out, '--no-render', '--quiet'], {}), io);
const events = sessionEvents(12, SITE, 1_700_000_000_000, rng(11));
const actions = events.filter((e) => e.type === 5).map((e) => (e.data as { payload: Action }).payload);
const clicks = actions.filter((a) => a.type === 'click');

async function putShot(store: SessionStore, takenAt: number, trigger: ShotTrigger, image: Uint8Array) {
  const put = await store.putShot(shotRecord({ sessionId, installId, site: SITE, takenAt, trigger, image }), Buffer.from(image));
  expect(put.outcome).toBe('created');
}

async function steps(out: string): Promise<Array<Record<string, any>>> {
  const rows: Array<Record<string, any>> = [];
  for (const f of (await readdir(path.join(out, 'steps'))).sort())
    rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(path.join(out, 'steps', f)) })));
  return rows.sort((a, b) => String(a.action_uid).localeCompare(String(b.action_uid)));
}

const images = [webp(['VP8L', new Uint8Array([1, 2, 3, 4])]), webp(['VP8L', new Uint8Array([5, 6, 7, 8, 9])])];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-shots-'));
  data = path.join(root, 'store');
  const store = await openStore(data);
  await storeSession(store, { sessionId, installId, site: SITE, events });
  // The first click: its before-action shot 250 ms before it, and an older periodic one (the later wins); both
  // after the action before it (actions are at least 300 ms apart), so no other step's window holds them.
  await putShot(store, clicks[0]!.t - 290, 'periodic', images[1]!);
  await putShot(store, clicks[0]!.t - 250, 'before-action', images[0]!);
  // One after the last action: no step shows it.
  await putShot(store, actions.at(-1)!.t + 100, 'after-action', images[1]!);
  await store.close();
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('runExport over a store with captured shots', () => {
  it("uses a shot in a step's window as stored, with the shot's size and scale, and none outside it", async () => {
    const out = path.join(root, 'out');
    const { manifest } = await exportTo(out);
    const rows = await steps(out);
    expect(rows).toHaveLength(actions.length);
    const captured = rows.filter((r) => r.observation?.screenshot_source === 'capture');
    expect(captured).toHaveLength(1);
    const row = captured[0]!;
    expect(row.action.type).toBe('click');
    expect(Buffer.compare(Buffer.from(row.screenshot.bytes), Buffer.from(images[0]!))).toBe(0);
    expect(row.screenshot.path).toMatch(/^screenshots\/ep_[0-9a-f]{16}\/\d{4}\.webp$/);
    expect(Buffer.compare(await readFile(path.join(out, row.screenshot.path)), Buffer.from(images[0]!))).toBe(0);
    expect(row.observation).toMatchObject({
      screenshot_source: 'capture',
      screenshot_gap_ms: 250,
      screenshot_size: { width: 640, height: 400 },
      screenshot_scale: 0.5,
      viewport: { width: 1280, height: 800 },
    });
    // The recorded box (CSS px) as a fraction of the shot: 640 px / 0.5 = 1280 CSS px wide, 800 high (not the 1024x640 replay viewport).
    const box = clicks[0]!.target!.bbox!;
    const r4 = (v: number) => Math.round(v * 10_000) / 10_000;
    expect(row.derived.bbox_norm).toEqual({
      x: r4(box.x / 1280),
      y: r4(box.y / 800),
      width: r4(box.width / 1280),
      height: r4(box.height / 800),
    });
    // Every other step has no screenshot (no rendering, no shot in its window).
    // (hyparquet reads a null struct back as undefined.)
    expect(rows.filter((r) => r !== row).every((r) => r.screenshot == null && r.observation == null)).toBe(true);
    expect(Object.values(manifest.modalities).flat()).toContain('screenshot_capture');
    expect(manifest.capture_max_gap_ms).toBe(2000);
    expect(manifest.schema_version).toBe('2.3.0');
  });

  it('gives the same bytes again, and a new run once another shot is stored', async () => {
    const a = await exportTo(path.join(root, 'a'));
    const b = await exportTo(path.join(root, 'b'));
    expect(JSON.stringify(b.manifest)).toBe(JSON.stringify(a.manifest));
    expect((await exportTo(path.join(root, 'a'))).alreadyComplete).toBe(true);
    const store = await openStore(data);
    await putShot(store, clicks[1]!.t - 100, 'before-action', images[1]!);
    await store.close();
    const again = await exportTo(path.join(root, 'a'));
    expect(again.alreadyComplete).toBe(false);
    expect((await steps(path.join(root, 'a'))).filter((r) => r.observation?.screenshot_source === 'capture')).toHaveLength(2);
  });
});
