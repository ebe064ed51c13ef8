import { test, expect } from './support/fixtures';
import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { profileFiles, waitQueuedClick, waitRecording } from './support/canary-driver';
import { pageValues, VISITS } from './support/canary-visits';
import { plantCanaries, VECTORS } from './support/canary-vectors';
import { dumpIndexedDb } from './support/dump-extension-storage';
import { enableCapture, requestUpload } from './support/extension-control';
import { encodingsOf, readTree } from './support/find-secrets';
import { describeLeaks, findLeaks, type Place } from './support/leak-search';
import { dumpExtensionStorage, mergeLocalConfig } from './support/local-config';
import { startRecordingProxy } from './support/recording-proxy';
import { serveCanaryPages } from './support/serve-canary-pages';

/**
 * The canary suite: every leak vector (e2e/support/canary-vectors.ts) plants a
 * fresh random value on a canary page; the pages are recorded through the real
 * extension; then every byte the extension stores (IndexedDB through the API
 * and as profile files, chrome.storage), every request body it sends
 * (decompressed, through a recording proxy) and every file the server writes
 * is searched for every value in its common encodings. A leak fails the test
 * naming the vector.
 */
test('canary suite: no planted value leaves the page, whatever the vector', async ({ server, ext }) => {
  test.setTimeout(240_000);
  const values = plantCanaries();
  const v = (id: string) => values.get(id)!;
  test.info().annotations.push({ type: 'vectors', description: `${VECTORS.length} leak vectors: ${VECTORS.map((x) => x.id).join(', ')}` });
  console.log(`Canary vectors covered (${VECTORS.length}):\n${VECTORS.map((x) => `  ${x.page}/${x.id}: ${x.what}`).join('\n')}`);
  expect(VECTORS.length).toBeGreaterThanOrEqual(30);
  expect(new Set(VECTORS.map((x) => x.page))).toEqual(new Set(VISITS.map((x) => x.page)));

  // The search itself must find every value in every encoding, or a pass would mean nothing.
  const planted = VECTORS.map((x) => encodingsOf(v(x.id)).join(' ')).join('\n');
  expect(findLeaks([{ name: 'self-check', text: planted }], VECTORS, values).map((l) => l.vector)).toEqual(VECTORS.map((x) => x.id));

  const pages = await serveCanaryPages(pageValues(values));
  const proxy = await startRecordingProxy(server.url);
  const places: Place[] = [];
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
    await page.close(); // its last events are handed over on pagehide

    // Before anything is uploaded: the local queue, as the extension reads it and as files on disk.
    places.push({ name: 'IndexedDB (read through the API, before upload)', text: await dumpIndexedDb(control) });
    places.push({ name: 'chrome.storage (before upload)', text: await dumpExtensionStorage(ext) });
    places.push(...(await profileFiles(ext.profileDir)).map((p) => ({ ...p, name: `${p.name} (before upload)` })));

    proxy.open();
    await expect
      .poll(async () => (await requestUpload(control)).detail, { timeout: 30_000, message: 'upload drains the queue' })
      .toBe('upload drained');
    const sessions = await expect
      .poll(
        async () => {
          const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
          const actions = await Promise.all(sessions.map((s) => server.read<{ actions: Action[] }>(`/v1/sessions/${s.id}/actions`)));
          return actions.flatMap((a) => a.actions).some((a) => a.target?.name === 'Done spa');
        },
        { timeout: 30_000, message: 'the last page reached the server' },
      )
      .toBe(true)
      .then(async () => (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions);

    // After the upload: what was sent, what the server wrote and serves, and what is left locally.
    expect(proxy.requests.length).toBeGreaterThan(0);
    proxy.requests.forEach((r, i) => places.push({ name: `request body #${i + 1} ${r.method} ${r.path} (${r.status})`, text: r.body }));
    const serverFiles = await readTree(server.dataDir);
    expect(serverFiles.length).toBeGreaterThan(2);
    places.push(...serverFiles.map(([file, text]) => ({ name: `server file ${file}`, text })));
    const served: { events: unknown[]; actions: Action[] } = { events: [], actions: [] };
    for (const s of sessions) {
      served.events.push(...(await server.read<unknown[]>(`/v1/sessions/${s.id}/events`)));
      served.actions.push(...(await server.read<{ actions: Action[] }>(`/v1/sessions/${s.id}/actions`)).actions);
    }
    places.push({ name: 'read API (sessions, events, actions)', text: JSON.stringify({ sessions, served }) });
    places.push({ name: 'IndexedDB (after upload)', text: await dumpIndexedDb(control) });
    places.push({ name: 'chrome.storage (after upload)', text: await dumpExtensionStorage(ext) });
    places.push(...(await profileFiles(ext.profileDir)).map((p) => ({ ...p, name: `${p.name} (after upload)` })));

    const leaks = findLeaks(places, VECTORS, values);
    expect(leaks, `\n${describeLeaks(leaks)}\n`).toEqual([]);

    // Not vacuous: every page was recorded, its text is there (scrubbed), and its actions are whole.
    const events = JSON.stringify(served.events);
    for (const visit of VISITS) {
      expect(events, `the ${visit.page} page's own text was recorded`).toContain(`Canary page: `);
      expect(
        served.actions.some((a) => a.target?.name === `Done ${visit.page}`),
        `Done ${visit.page}`,
      ).toBe(true);
    }
    for (const tag of ['[email:', '[phone:', '[card:', '[ssn:', '[iban:', '[ip:', '[secret:', '[withheld]', '[id]', '"needBlock":true']) {
      expect(events + JSON.stringify(served.actions), `the recording shows ${tag} where something was scrubbed`).toContain(tag);
    }
    expect(events).toContain('Shadow contact [email:');
    expect(events).toContain('Frame contact [email:');
    const action = (pred: (a: Action) => boolean, what: string) => {
      const found = served.actions.find(pred);
      expect(found, what).toBeDefined();
      return found!;
    };
    action(
      (a) => a.type === 'type' && a.target?.name === 'Nickname' && a.value?.kind === 'masked' && a.value.length === v('input-typed').length,
      'typing in Nickname, length only',
    );
    action(
      (a) => a.type === 'select' && a.target?.name === 'Plan' && a.value?.kind === 'label' && a.value.label === 'Standard',
      'the plan chosen by its label',
    );
    action(
      (a) => a.type === 'click' && a.target?.role === 'button' && a.target.name === '' && a.url.includes('regions'),
      'a click in a blocked region: role, no name',
    );
    action((a) => a.type === 'click' && /^\*+$/.test(a.target?.name ?? ''), 'a click in a masked region: masked name');
    action((a) => a.type === 'click' && (a.target?.name ?? '').includes('[card:'), 'the split card button: its joined name scrubbed');
    action((a) => a.type === 'click' && a.target?.name === 'Call [phone:m]', 'the call button: phone scrubbed from its aria-label');
    action((a) => a.url.includes('/canary/u/[email:'), 'the SPA profile URL: email segment replaced');
    action((a) => a.url.includes('/canary/orders/[id]'), 'the SPA order URL: id segment replaced');
    action((a) => a.url.includes('token=[withheld]'), 'the SPA query: value withheld');
  } finally {
    await proxy.close();
    await pages.close();
  }
});
