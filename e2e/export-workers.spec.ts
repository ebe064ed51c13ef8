import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/fixtures';
import type { Manifest } from '../lib/schema/dataset-manifest';
import { openStore, rng, sessionEvents, storeSession, uuidFrom } from '../exporter/bench/generate-store';
import { duckRows, runExportCli } from './support/run-export';

/**
 * A rendered export is deterministic whatever the number of browser pages
 * rendering in parallel (--workers): sessions of unequal length finish out of
 * order on several pages, and are still written in session order, to the
 * same bytes as one page rendering them one after the other; and two shards
 * of it hold exactly its rendered steps.
 */
test('a rendered export gives the same bytes with 1 and 3 workers over sessions that finish out of order, and shards that add up to it', async () => {
  test.setTimeout(180_000);
  const root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-export-workers-'));
  try {
    const data = path.join(root, 'store');
    const store = await openStore(data);
    // Longest first: with 3 pages the later, shorter sessions are done before the first.
    for (const [i, steps] of [14, 3, 8, 2, 6, 4].entries()) {
      const site = `https://site-${i % 2}.example.test`;
      const events = sessionEvents(steps, site, 1_700_000_000_000 + i * 3_600_000, rng(20 + i));
      await storeSession(store, { sessionId: uuidFrom(rng(40 + i), i), installId: uuidFrom(rng(60 + (i % 3)), 9), site, events });
    }
    await store.close();
    const exportTo = async (name: string, ...extra: string[]) => {
      const out = path.join(root, name);
      const run = await runExportCli(['--data', data, '--out', out, '--split-seed', 'workers', ...extra], {
        WEBTRACE_EXPORT_SALT: 'a-test-salt-of-enough-bytes',
      });
      expect(run.code, run.stderr).toBe(0);
      return out;
    };
    const manifestOf = async (workers: string) =>
      readFile(path.join(await exportTo(`w${workers}`, '--workers', workers), 'manifest.json'), 'utf8');
    const one = await manifestOf('1');
    const three = await manifestOf('3');
    const m = JSON.parse(one) as Manifest;
    expect(m.counts.train.steps + m.counts.test_task.steps + m.counts.test_site.steps).toBe(37);
    expect(m.files.filter((f) => f.path.startsWith('screenshots/')).length).toBe(37);
    // The manifest holds every file's sha256: the same manifest is the same bytes everywhere.
    expect(three).toBe(one);

    // Rendered shards: --shard 1/2 and 2/2 hold exactly the whole export's steps, screenshots and DOM included.
    const halves = [await exportTo('s1', '--shard', '1/2'), await exportTo('s2', '--shard', '2/2')];
    const rows = async (dir: string) =>
      duckRows(
        dir,
        'steps/*.parquet',
        'action_uid, md5(screenshot.bytes) as shot, md5(dom_html_gz) as dom, axtree, derived',
        'order by action_uid',
      );
    const halfRows = await Promise.all(halves.map(rows));
    expect(halfRows.every((r) => r.length > 0)).toBe(true);
    const union = halfRows.flat().sort((a, b) => String(a.action_uid).localeCompare(String(b.action_uid)));
    expect(JSON.stringify(union)).toBe(JSON.stringify(await rows(path.join(root, 'w1'))));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
