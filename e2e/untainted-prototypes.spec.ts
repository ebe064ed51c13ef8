import { test, expect } from './support/fixtures';
import { enableCapture } from './support/extension-control';
import { waitRecording } from './support/grid-page';
import { INDICATOR_TAG } from '../lib/recorder/indicator/indicator-tag';

/**
 * rrweb's check for prototypes a page has patched misfiles two Element
 * methods as accessors and so always takes Element's prototype from a
 * throwaway <iframe> it adds to the page (once per copy of the check); the
 * build fixes the check (scripts/build/rrweb-untainted-fix.ts). The page must
 * see no frame come and go when recording starts.
 */
test('starting to record adds no iframe to the page, not even for a moment', async ({ server, app, ext }) => {
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken });
  const page = await ext.context.newPage();
  // In the page's world, before any script of the page or the extension: every element added, kept or not.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __added: string[] }).__added = seen;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) seen.push((n as Element).localName);
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${app.origin}/grid.html`);
  await waitRecording(ext, page, 0, (p) => server.read(p));
  const added = await page.evaluate(() => (window as unknown as { __added: string[] }).__added);
  // The observer works: the page's own elements and the recording indicator were seen arriving.
  expect(added).toContain(INDICATOR_TAG);
  expect(added.filter((tag) => tag === 'iframe')).toEqual([]);
});
