import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { enableCapture } from './support/extension-control';
import { test, expect } from './support/fixtures';
import { EXTENSION_DIR, launchWithExtension } from './support/launch-extension';

// Edge reads the same Manifest V3 as Chromium, so its build is proven in Chromium.
const EDGE_DIR = path.resolve('.output/edge-mv3');

test('the Edge build (npm run build:edge) loads in Chromium and records', async ({ server, app }) => {
  test.skip(!!process.env.WEBTRACE_SKIP_E2E, 'no Chromium on this machine (see scripts/ensure-chromium.sh)');
  const edge = JSON.parse(await readFile(path.join(EDGE_DIR, 'manifest.json'), 'utf8'));
  const chrome = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(edge).toMatchObject({ manifest_version: 3, version: chrome.version, key: chrome.key, icons: chrome.icons });
  const ext = await launchWithExtension({ extensionDir: EDGE_DIR });
  try {
    await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken });
    const page = await ext.context.newPage();
    await page.goto(`${app.origin}/app/orders`);
    await page.getByRole('button', { name: 'Edit' }).first().click();
    await expect
      .poll(async () => (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions.length, { timeout: 30_000 })
      .toBe(1);
    const [session] = (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions;
    await expect
      .poll(
        async () =>
          (await server.read<{ actions: Action[] }>(`/v1/sessions/${session!.id}/actions`)).actions.filter((a) => a.type === 'click')
            .length,
      )
      .toBe(1);
  } finally {
    await ext.close();
  }
});
