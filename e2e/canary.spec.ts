import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { autofillCard, pasteInto, profileFiles, typeInto, waitQueuedClick, waitRecording } from './support/canary-driver';
import { plantCanaries, VECTORS, type CanaryPage } from './support/canary-vectors';
import { dumpIndexedDb } from './support/dump-extension-storage';
import { enableCapture, requestUpload } from './support/extension-control';
import { encodingsOf, readTree } from './support/find-secrets';
import { describeLeaks, findLeaks, type Place } from './support/leak-search';
import { dumpExtensionStorage, mergeLocalConfig } from './support/local-config';
import { startRecordingProxy } from './support/recording-proxy';
import { serveCanaryPages, type CanaryPages } from './support/serve-canary-pages';

/**
 * The canary suite: every leak vector (e2e/support/canary-vectors.ts) plants a
 * fresh random value on a canary page; the pages are recorded through the real
 * extension; then every byte the extension stores (IndexedDB through the API
 * and as profile files, chrome.storage), every request body it sends
 * (decompressed, through a recording proxy) and every file the server writes
 * is searched for every value in its common encodings. A leak fails the test
 * naming the vector.
 */
type Drive = (page: Page, v: (id: string) => string, pages: CanaryPages) => Promise<void>;

const VISITS: ReadonlyArray<{ page: CanaryPage; path: (v: (id: string) => string) => string; drive: Drive }> = [
  {
    page: 'forms',
    path: () => '/canary/forms.html',
    drive: async (page, v) => {
      await typeInto(page, '#nickname', v('input-typed'));
      await typeInto(page, '#notes', v('textarea-typed'));
      await typeInto(page, '#editor', v('contenteditable-typed'));
      await typeInto(page, '#password', v('password-typed'));
      await typeInto(page, '#otp', v('otp-typed'));
      await typeInto(page, '#email', v('email-field-typed'));
      await typeInto(page, '#qty', v('number-typed'));
      await typeInto(page, '#search', v('search-typed'));
      await typeInto(page, '#controlled', v('controlled-value-attribute'));
      await expect(page.locator('#controlled')).toHaveAttribute('value', v('controlled-value-attribute'));
      await page.locator('#plan').selectOption({ label: 'Standard' });
      await page.locator('#agree').check();
      await page.locator('#fast').check();
      await page.locator('#upload').setInputFiles({ name: `${v('file-name')}.txt`, mimeType: 'text/plain', buffer: Buffer.from('x') });
      await page.locator('#fill').click();
      await expect(page.locator('#filled')).toHaveValue(v('script-set-after'));
      await page.locator('#set-hidden').click();
      await typeInto(page, '#secret', v('password-shown-typed'));
      await page.locator('#show').click();
      await expect(page.locator('#secret')).toHaveAttribute('type', 'text');
      await typeInto(page, '#nickname', '!'); // focus moves on: the shown password field is left
      await pasteInto(page, '#paste-field', v('paste-input'));
      await expect(page.locator('#paste-field')).toHaveValue(v('paste-input'));
      await pasteInto(page, '#paste-editor', v('paste-editor'));
      await expect(page.locator('#paste-editor')).toHaveText(v('paste-editor'));
      await autofillCard(page, '#cc-number', { number: v('autofill-card').replace(/ /g, ''), name: v('autofill-name') });
      await expect(page.locator('#cc-number')).toHaveValue(v('autofill-card').replace(/ /g, ''));
      await expect(page.locator('#cc-name')).toHaveValue(v('autofill-name'));
      await expect(page.locator('#preset')).toHaveValue(v('script-set-before'));
    },
  },
  {
    page: 'text',
    path: () => '/canary/text.html',
    drive: async (page, v) => {
      await page.locator('#split').click();
      await page.locator('#call').click();
      await page.getByRole('button', { name: 'Open row' }).click();
      await typeInto(page, '#notify', 'hello');
      await page.locator('#contact-choice').selectOption({ label: v('email-option-label') });
      await page.locator('#opt-b').click();
      await page.locator('#update').click();
      await expect(page.locator('#status')).toContainText(v('phone-text-changed'));
      await expect(page).toHaveTitle(`Inbox of ${v('email-title-script')}`);
    },
  },
  {
    page: 'regions',
    path: () => '/canary/regions.html',
    drive: async (page) => {
      await page.locator('#blocked-button').click();
      await page.locator('#masked-button').click();
      await page.locator('#admin-blocked-button').click();
      await page.locator('#vault-host button').click();
      await page.locator('#editor').click();
    },
  },
  {
    page: 'shadow',
    path: () => '/canary/shadow.html',
    drive: async (page, v) => {
      await typeInto(page, '#shadow-input', v('shadow-typed'));
    },
  },
  {
    page: 'frame',
    path: () => '/canary/frame.html',
    drive: async (page, v) => {
      const frame = page.frameLocator('#inner');
      await frame.locator('#frame-input').click();
      await page.keyboard.type(v('frame-typed'));
      await expect(frame.locator('#frame-input')).toHaveValue(v('frame-typed'));
    },
  },
  {
    page: 'spa',
    path: (v) => `/canary/spa.html?session=${v('load-url-query')}#state=${v('load-url-fragment')}`,
    drive: async (page) => {
      for (const step of ['#push-query', '#hash', '#profile', '#order']) {
        await page.locator(step).click();
        await page.locator('#ping').click();
      }
      await expect(page).toHaveURL(/\/canary\/orders\//);
    },
  },
];

/** Values used on pages besides the vectors' own: the two halves of the split card. */
function pageValues(values: Map<string, string>): Map<string, string> {
  const split = values.get('card-split')!;
  return new Map([...values, ['card-split-first', split.slice(0, 9)], ['card-split-second', split.slice(10)]]);
}

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
      .poll(async () => {
        const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
        const actions = await Promise.all(sessions.map((s) => server.read<{ actions: Action[] }>(`/v1/sessions/${s.id}/actions`)));
        return actions.flatMap((a) => a.actions).some((a) => a.target?.name === 'Done spa');
      }, { timeout: 30_000, message: 'the last page reached the server' })
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
      expect(served.actions.some((a) => a.target?.name === `Done ${visit.page}`), `Done ${visit.page}`).toBe(true);
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
    action((a) => a.type === 'type' && a.target?.name === 'Nickname' && a.value?.kind === 'masked' && a.value.length === v('input-typed').length, 'typing in Nickname, length only');
    action((a) => a.type === 'select' && a.target?.name === 'Plan' && a.value?.kind === 'label' && a.value.label === 'Standard', 'the plan chosen by its label');
    action((a) => a.type === 'click' && a.target?.role === 'button' && a.target.name === '' && a.url.includes('regions'), 'a click in a blocked region: role, no name');
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
