import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test, expect } from './support/fixtures';
import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import type { Manifest } from '../lib/schema/dataset-manifest';
import { waitQueuedClick, waitRecording } from './support/canary-driver';
import { pageValues, VISITS } from './support/canary-visits';
import { plantCanaries, VECTORS } from './support/canary-vectors';
import { enableCapture, requestUpload } from './support/extension-control';
import { describeLeaks, findLeaks, type Place } from './support/leak-search';
import { mergeLocalConfig } from './support/local-config';
import { listFiles, parquetText, runExportCli } from './support/run-export';
import { serveCanaryPages } from './support/serve-canary-pages';
import { startRecordingProxy } from './support/recording-proxy';

/**
 * The canary suite's leak vectors, through to the exported dataset: every
 * vector's fresh value is planted and recorded through the real extension
 * into the real server, the store is exported (rendered: screenshots, DOM,
 * accessibility trees), and every output byte is searched for every value in
 * its common encodings: each file as written, DOM files gunzipped, Parquet
 * read back decompressed through DuckDB with its gzip DOM column gunzipped.
 */
test('canary export: no planted value reaches any byte of the exported dataset', async ({ server, ext }) => {
  test.setTimeout(240_000);
  const values = plantCanaries();
  const v = (id: string) => values.get(id)!;
  const pages = await serveCanaryPages(pageValues(values));
  const root = await mkdtemp(path.join(os.tmpdir(), 'webtrace-export-canary-'));
  // Uploads wait (the proxy refuses them) until every page's last click is in the local queue.
  const proxy = await startRecordingProxy(server.url);
  try {
    await enableCapture(ext, { origin: pages.origin, endpoint: proxy.url, ingestToken: server.ingestToken });
    await mergeLocalConfig(ext, { blockSelector: '.secret-panel', maskTextSelector: '.pii-zone' });
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pages.origin });
    const control = await ext.context.newPage();
    await control.goto(ext.extensionUrl('popup.html'));
    const page = await ext.context.newPage();
    for (const visit of VISITS) {
      await page.goto(pages.url(visit.path(v)));
      await waitRecording(control, visit.path(v).split(/[?#]/)[0]!);
      await visit.drive(page, v, pages);
      await page.getByRole('button', { name: `Done ${visit.page}` }).click();
      await waitQueuedClick(control, `Done ${visit.page}`);
    }
    await page.close();
    proxy.open();
    await expect
      .poll(
        async () => {
          await requestUpload(control);
          const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
          const actions = await Promise.all(sessions.map((s) => server.read<{ actions: Action[] }>(`/v1/sessions/${s.id}/actions`)));
          return actions.flatMap((a) => a.actions).some((a) => a.target?.name === 'Done spa');
        },
        { timeout: 30_000, message: 'the last page reached the server' },
      )
      .toBe(true);

    const out = path.join(root, 'dataset');
    const result = await runExportCli(['--data', server.dataDir, '--out', out, '--split-seed', 'canary']);
    console.log(
      result.stderr
        .split('\n')
        .filter((l) => !l.startsWith('export |'))
        .join('\n'),
    );
    expect(result.code, result.stderr).toBe(0);

    const places: Place[] = [{ name: 'export report (stderr)', text: result.stderr }];
    for (const file of await listFiles(out, '*')) {
      const bytes = await readFile(path.join(out, file));
      places.push({ name: file, text: bytes.toString('utf8') }, { name: `${file} (bytes)`, text: bytes.toString('latin1') });
      if (file.endsWith('.gz')) places.push({ name: `${file} (gunzipped)`, text: gunzipSync(bytes).toString('utf8') });
    }
    const decoded = await parquetText(out);
    places.push({ name: 'Parquet, decompressed (DuckDB)', text: decoded });
    const leaks = findLeaks(places, VECTORS, values);
    expect(leaks, `\n${describeLeaks(leaks)}\n`).toEqual([]);

    // Not vacuous: every canary page became steps, rendered, with its scrubbed text in the output.
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    const steps = manifest.counts.train.steps + manifest.counts.test_task.steps + manifest.counts.test_site.steps;
    expect(steps).toBeGreaterThan(40);
    for (const visit of VISITS) expect(decoded, `steps of the ${visit.page} page`).toContain(`Done ${visit.page}`);
    expect(decoded).toContain('Canary page: ');
    expect(decoded).toContain('data-webtrace-rect=');
    for (const tag of ['[email:', '[phone:', '[card:', '[withheld]', '[id]'])
      expect(decoded, `the output shows ${tag} where something was scrubbed`).toContain(tag);
    expect(manifest.files.filter((f) => f.path.startsWith('screenshots/')).length).toBe(steps);
  } finally {
    await proxy.close();
    await pages.close();
    await rm(root, { recursive: true, force: true });
  }
});
