import type { FastifyBaseLogger } from 'fastify';
import { ACTION_EVENT_TAG, type Action } from '../../lib/schema/action';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import type { StoredChunk } from '../../server/store/records';
import { SessionStore } from '../../server/store/session-store';

/**
 * A generated store for the export benchmark and tests, written through the
 * server's own store code: sessions on a small form-and-list page (heading,
 * email field, plan select, 20 buttons, a long list), each step a click,
 * typing, a choice, a key or a scroll, with the rrweb events a recorder
 * would have written around it. Deterministic for a given seed.
 */
export interface GenerateOptions {
  sessions: number;
  stepsPerSession: number;
  sites?: number;
  installs?: number;
  seed?: number;
}

const EVENTS_PER_CHUNK = 200;
const BUTTONS = 20;
const ITEMS = 30;
const ID = { html: 3, head: 4, body: 6, h1: 7, h1Text: 8, form: 9, email: 12, select: 15, list: 92 };
// Buttons k = 0..19 take ids 30..89 (li, button, text); the list and its items come after, so no id is used twice.
const buttonId = (k: number) => 31 + 3 * k;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function snapshot(t: number, title: string): RrwebEvent {
  const el = (tagName: string, id: number, childNodes: unknown[] = [], attributes: Record<string, string> = {}) => ({
    type: 2,
    tagName,
    attributes,
    childNodes,
    id,
  });
  const text = (textContent: string, id: number) => ({ type: 3, textContent, id });
  const buttons = Array.from({ length: BUTTONS }, (_, k) =>
    el('li', 30 + 3 * k, [
      el('button', buttonId(k), [text(`Action ${k + 1}`, 32 + 3 * k)], { type: 'button', id: `action-${k + 1}`, class: 'btn' }),
    ]),
  );
  const items = Array.from({ length: ITEMS }, (_, k) =>
    el('p', 100 + 2 * k, [text(`Order line ${k + 1}: widgets and gadgets`, 101 + 2 * k)]),
  );
  const node = {
    type: 0,
    id: 1,
    childNodes: [
      { type: 1, name: 'html', publicId: '', systemId: '', id: 2 },
      el('html', ID.html, [
        el('head', ID.head, [
          el('style', 5, [text('body{font-family:sans-serif;margin:16px} .btn{margin:2px;padding:4px 10px} p{margin:6px 0}', 90)]),
        ]),
        el('body', ID.body, [
          el('h1', ID.h1, [text(title, ID.h1Text)]),
          el(
            'form',
            ID.form,
            [
              el('label', 10, [text('Email', 11)], { for: 'email' }),
              el('input', ID.email, [], { id: 'email', name: 'email', type: 'email', value: '' }),
              el('label', 13, [text('Plan', 14)], { for: 'plan' }),
              el(
                'select',
                ID.select,
                [el('option', 16, [text('Basic', 17)], { value: '*****' }), el('option', 18, [text('Pro', 19)], { value: '***' })],
                { id: 'plan', name: 'plan' },
              ),
            ],
            { 'aria-label': 'Order form' },
          ),
          el('ul', 20, buttons),
          el('div', ID.list, items, { id: 'lines' }),
        ]),
      ]),
    ],
  };
  return { type: 2, timestamp: t, data: { node, initialOffset: { left: 0, top: 0 } } };
}

const target = (tag: string, role: string, name: string, nodeId: number, y: number, css: string): NonNullable<Action['target']> => ({
  tag,
  role,
  name,
  nodeId,
  bbox: { x: 16, y, width: 120, height: 24 },
  ancestors: [],
  selectors: [
    { kind: 'role', value: `role=${role}[name="${name}"]`, matches: 1 },
    { kind: 'css', value: css, matches: 1 },
  ],
});

/** One session's events: a page load, then `steps` actions with the events around them. */
export function sessionEvents(steps: number, site: string, t0: number, random: () => number): RrwebEvent[] {
  const url = `${site}/app/orders/[id]`;
  const events: RrwebEvent[] = [{ type: 4, timestamp: t0, data: { href: url, width: 1024, height: 640 } }, snapshot(t0, 'Orders')];
  const action = (t: number, a: Omit<Action, 't' | 'url'>) =>
    events.push({ type: 5, timestamp: t, data: { tag: ACTION_EVENT_TAG, payload: { ...a, t, url } } });
  let t = t0 + 5;
  action(t, { type: 'navigate', target: null, navigation: 'load' });
  let scrollY = 0;
  for (let i = 1; i < steps; i++) {
    t += 300 + Math.floor(random() * 1500);
    const kind = i % 5;
    if (kind === 0 || kind === 3) {
      const k = Math.floor(random() * BUTTONS);
      events.push({
        type: 3,
        timestamp: t - 40,
        data: { source: 1, positions: [{ x: 60, y: 150 + 24 * k, id: buttonId(k), timeOffset: 0 }] },
      });
      events.push({ type: 3, timestamp: t, data: { source: 2, type: 2, id: buttonId(k), x: 60, y: 150 + 24 * k } });
      action(t, {
        type: 'click',
        button: 'left',
        target: target('button', 'button', `Action ${k + 1}`, buttonId(k), 150 + 24 * k, `#action-${k + 1}`),
      });
      events.push({
        type: 3,
        timestamp: t + 1,
        data: { source: 0, texts: [{ id: ID.h1Text, value: `Orders (${k + 1} clicked)` }], attributes: [], removes: [], adds: [] },
      });
    } else if (kind === 1) {
      const length = 5 + Math.floor(random() * 10);
      events.push({ type: 3, timestamp: t - 200, data: { source: 5, text: '*'.repeat(length), isChecked: false, id: ID.email } });
      action(t, {
        type: 'type',
        value: { kind: 'masked', length },
        target: { ...target('input', 'textbox', 'Email', ID.email, 60, '#email'), label: 'Email', inputType: 'email' },
      });
    } else if (kind === 2) {
      const pro = random() < 0.5;
      events.push({ type: 3, timestamp: t, data: { source: 5, text: pro ? '***' : '*****', isChecked: false, id: ID.select } });
      action(t, {
        type: 'select',
        value: { kind: 'label', label: pro ? 'Pro' : 'Basic' },
        target: { ...target('select', 'combobox', 'Plan', ID.select, 90, '#plan'), label: 'Plan' },
      });
    } else {
      scrollY = scrollY === 0 ? 120 + Math.floor(random() * 200) : 0;
      events.push({ type: 3, timestamp: t - 300, data: { source: 3, id: 1, x: 0, y: scrollY } });
      action(t, { type: 'scroll', target: null, scroll: { x: 0, y: scrollY } });
    }
  }
  return events;
}

const silentLog = (): FastifyBaseLogger => {
  const noop = () => undefined;
  const log = {
    level: 'silent',
    fatal: noop,
    error: noop,
    warn: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => log,
  };
  return log as unknown as FastifyBaseLogger;
};

/** The server's store at `dataDir`, opened with the server's own code. */
export function openStore(dataDir: string): Promise<SessionStore> {
  return SessionStore.open(dataDir, silentLog());
}

/** Stores one session's events as the server would have (chunks of 200 events, one page). */
export async function storeSession(
  store: SessionStore,
  s: { sessionId: string; installId: string; site: string; events: RrwebEvent[] },
): Promise<void> {
  const chunks: StoredChunk[] = [];
  for (let seq = 0; seq * EVENTS_PER_CHUNK < s.events.length; seq++) {
    chunks.push({
      sessionId: s.sessionId,
      page: 0,
      seq,
      site: s.site,
      url: `${s.site}/app/orders/[id]`,
      events: s.events.slice(seq * EVENTS_PER_CHUNK, (seq + 1) * EVENTS_PER_CHUNK),
      batchId: `bench_${s.sessionId.replace(/-/g, '')}`,
      installId: s.installId,
      orgId: null,
      extensionVersion: '0.0.0-bench',
    });
  }
  const batchId = chunks[0]!.batchId;
  await store.commitBatch({ batchId, stored: chunks.length, duplicates: 0, installId: s.installId }, chunks, []);
}

/** Writes `sessions` sessions of `stepsPerSession` steps into the store at `dataDir`; returns the step count. */
export async function generateStore(dataDir: string, opts: GenerateOptions): Promise<{ steps: number; sessions: number }> {
  const store = await openStore(dataDir);
  const random = rng(opts.seed ?? 1);
  const installs = Array.from({ length: opts.installs ?? Math.max(1, Math.ceil(opts.sessions / 5)) }, (_, i) => uuidFrom(random, i));
  const sites = opts.sites ?? 5;
  for (let s = 0; s < opts.sessions; s++) {
    const site = `https://site-${s % sites}.example.test`;
    const events = sessionEvents(opts.stepsPerSession, site, 1_700_000_000_000 + s * 3_600_000, random);
    await storeSession(store, { sessionId: uuidFrom(random, 1_000_000 + s), installId: installs[s % installs.length]!, site, events });
  }
  await store.close();
  return { steps: opts.sessions * opts.stepsPerSession, sessions: opts.sessions };
}

export { rng, uuidFrom };

/** A v4-shaped uuid from the generator (deterministic stores give deterministic exports). */
function uuidFrom(random: () => number, salt: number): string {
  const hex = Array.from({ length: 32 }, (_, i) => Math.floor(((random() + salt * 0.6180339887 + i * 0.1) % 1) * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
