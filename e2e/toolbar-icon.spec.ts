import { ICON_STATES, iconPaths } from '../lib/rules/toolbar/icon-paths';
import { askWorker, configureExtension, enableCapture } from './support/extension-control';
import { test, expect } from './support/fixtures';
import { badgeOf, tabIdOf } from './support/tab-id';

test("the toolbar icon shows each tab's state: recording, paused, off and not allowed, in shape and in words", async ({
  server,
  app,
  ext,
}) => {
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken });
  // Only 127.0.0.1 may be recorded, so the same app on localhost is a site the organisation does not allow.
  await configureExtension(ext, { endpoint: server.url, ingestToken: server.ingestToken, sites: ['http://127.0.0.1/*'] });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  const tabId = await tabIdOf(ext, page);
  const title = () => ext.worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);

  await expect.poll(title).toBe('webtrace: recording this site');
  expect(await badgeOf(ext, tabId)).toBe('REC');

  expect(await askWorker(ext, { kind: 'pause', minutes: null })).toMatchObject({ ok: true });
  await expect.poll(title).toMatch(/^webtrace: paused\b/);
  expect(await badgeOf(ext, tabId)).toBe('');

  expect(await askWorker(ext, { kind: 'resume' })).toMatchObject({ ok: true });
  await expect.poll(title).toBe('webtrace: recording this site');

  expect(await askWorker(ext, { kind: 'set-site', origin: app.origin, on: false })).toMatchObject({ ok: true });
  await expect.poll(title).toMatch(/^webtrace: off for this site\n/);

  // No recorder runs on a site that is not allowed; the icon says so all the same, after a navigation.
  await page.goto(`http://localhost:${new URL(app.origin).port}/app/orders`);
  await expect.poll(title).toMatch(/^webtrace: not allowed on this site\nyour organisation does not allow recording this site/);

  // Every state's pictures load in the real browser (setIcon rejects a missing or undecodable image).
  const results = await ext.worker.evaluate(
    async ({ id, all }) =>
      Promise.all(
        all.map(([, path]) =>
          chrome.action.setIcon({ tabId: id, path }).then(
            () => 'ok',
            (e: Error) => e.message,
          ),
        ),
      ),
    { id: tabId, all: ICON_STATES.map((s) => [s, iconPaths(s)] as const) },
  );
  expect(results).toEqual(ICON_STATES.map(() => 'ok'));
});
