import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import type { Action } from '../lib/schema/action';
import type { Manifest } from '../lib/schema/dataset-manifest';
import { openStore, rng, sessionEvents, storeSession, uuidFrom } from '../exporter/bench/generate-store';
import { duckRows, pngSize, runExportCli } from './support/run-export';
import { shotRecord, webp } from '../test/support/shot-fixtures';

/**
 * A rendered export (headless Chromium replays the session) over a store
 * holding a captured shot (issue 15): the step in the shot's window carries
 * the stored WebP with the shot's size and scale, and still the replayed
 * page's candidates; every other step the replay's PNG at the recorded DPR.
 */
test('a rendered export uses the captured shot where one is in the window and the rendering elsewhere', async () => {
  test.setTimeout(120_000);
  const root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-export-shots-'));
  try {
    const data = path.join(root, 'store');
    const site = 'https://shots.example.test';
    const sessionId = uuidFrom(rng(5), 77);
    const installId = uuidFrom(rng(6), 78);
    const events = sessionEvents(10, site, 1_700_000_000_000, rng(11));
    const click = events.map((e) => (e.data as { payload?: Action }).payload).find((a) => a?.type === 'click')!;
    const image = webp(['VP8L', new Uint8Array([1, 2, 3, 4])]);
    const store = await openStore(data);
    await storeSession(store, { sessionId, installId, site, events });
    await store.putShot(
      shotRecord({ sessionId, installId, site, takenAt: click.t - 250, trigger: 'before-action', image }),
      Buffer.from(image),
    );
    await store.close();

    const out = path.join(root, 'out');
    const run = await runExportCli(['--data', data, '--out', out, '--workers', '1'], {
      WEBTRACE_EXPORT_SALT: 'a-test-salt-of-enough-bytes',
    });
    expect(run.code, run.stderr).toBe(0);
    const rows = await duckRows<{
      type: string;
      source: string | null;
      gap: number | null;
      size: { width: number; height: number } | null;
      scale: number | null;
      shot: string | null;
      candidates: number;
    }>(
      out,
      'steps/*.parquet',
      `action.type as type, observation.screenshot_source as source, observation.screenshot_gap_ms as gap, observation.screenshot_size as size,
       observation.screenshot_scale as scale, to_base64(screenshot.bytes) as shot, len(observation.candidates)::integer as candidates`,
      'order by action_uid',
    );
    expect(rows).toHaveLength(10);
    const captured = rows.filter((r) => r.source === 'capture');
    expect(captured).toHaveLength(1);
    expect(captured[0]).toMatchObject({ type: 'click', gap: 250, size: { width: 640, height: 400 }, scale: 0.5 });
    expect(Buffer.from(captured[0]!.shot!, 'base64').equals(Buffer.from(image))).toBe(true);
    expect(captured[0]!.candidates).toBeGreaterThan(0);
    for (const r of rows.filter((x) => x !== captured[0])) {
      expect(r.source).toBe('replay');
      expect(r.gap).toBeNull();
      expect(pngSize(Buffer.from(r.shot!, 'base64'))).toEqual(r.size);
    }
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    const modalities = Object.values(manifest.modalities).flat();
    expect(modalities).toEqual(expect.arrayContaining(['screenshot', 'screenshot_capture', 'dom', 'axtree', 'candidates']));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
