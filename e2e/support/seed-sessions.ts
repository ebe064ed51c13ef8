import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ACTION_EVENT_TAG, type Action } from '../../lib/schema/action';
import type { Batch } from '../../lib/schema/batch';
import type { Chunk } from '../../lib/schema/chunk';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { installOn } from './enrolled-install';

/**
 * Generated sessions for the viewer's scale tests, uploaded through the real
 * ingest API: many small sessions for the list, and one long session with tens
 * of thousands of events (a valid rrweb recording of a small page) for the player.
 */
const EVENTS_PER_CHUNK = 200;
const CHUNKS_PER_BATCH = 100;

/** Resolves with the install that sent them (enrolled, with a consent grant) (a session belongs to it: its screenshots must come from it too). */
export async function uploadChunks(serverUrl: string, ingestToken: string, chunks: Chunk[], installId = randomUUID()): Promise<string> {
  // One install sends them all: a session belongs to the install that first wrote it.
  const install = await installOn({ url: serverUrl, ingestToken }, installId);
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_BATCH) {
    const batch: Batch = {
      batchId: `seed_${randomUUID()}`,
      installId,
      orgId: null,
      sentAt: Date.now(),
      extensionVersion: '0.0.0-seed',
      chunks: chunks.slice(i, i + CHUNKS_PER_BATCH),
    };
    const res = await fetch(`${serverUrl}/v1/batches`, {
      method: 'POST',
      headers: {
        ...install.headers,
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Idempotency-Key': batch.batchId,
      },
      body: gzipSync(JSON.stringify(batch)),
    });
    if (!res.ok) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
  return installId;
}

const BUTTONS = 20;
const buttonId = (k: number) => 11 + 3 * k;
const STATUS_TEXT_ID = 7;

/** A page with a heading (whose text changes) and 20 buttons, as rrweb serializes it; `docTitle` is its <title>, if any. */
export function fullSnapshot(timestamp: number, title: string, docTitle?: string): RrwebEvent {
  const el = (tagName: string, id: number, childNodes: unknown[] = [], attributes: Record<string, string> = {}) => ({
    type: 2,
    tagName,
    attributes,
    childNodes,
    id,
  });
  const text = (textContent: string, id: number) => ({ type: 3, textContent, id });
  const items = Array.from({ length: BUTTONS }, (_, k) =>
    el('li', 10 + 3 * k, [el('button', buttonId(k), [text(`Button ${k + 1}`, 12 + 3 * k)], { type: 'button', id: `b${k + 1}` })]),
  );
  const node = {
    type: 0,
    id: 1,
    childNodes: [
      { type: 1, name: 'html', publicId: '', systemId: '', id: 2 },
      el('html', 3, [
        el('head', 4, docTitle ? [el('title', 9_000, [text(docTitle, 9_001)])] : []),
        el('body', 5, [el('h1', 6, [text(title, STATUS_TEXT_ID)]), el('ul', 8, items)]),
      ]),
    ],
  };
  return { type: 2, timestamp, data: { node, initialOffset: { left: 0, top: 0 } } };
}

export function clickAction(t: number, url: string, k: number): Action {
  return {
    type: 'click',
    t,
    url,
    button: 'left',
    target: {
      tag: 'button',
      role: 'button',
      name: `Button ${k + 1}`,
      nodeId: buttonId(k),
      bbox: { x: 40, y: 60 + 24 * k, width: 80, height: 20 },
      ancestors: [],
      selectors: [{ kind: 'css', value: `#b${k + 1}`, matches: 1 }],
    },
  };
}

export interface BigSession {
  sessionId: string;
  chunks: Chunk[];
  events: number;
  actions: Array<{ t: number; nodeId: number; name: string }>;
}

/**
 * `events` events over two page loads, ~60 ms apart, one click action every
 * `actionEvery` events, with a silence of `gapMs` in the middle of the first page.
 */
export function bigSession(opts: { site: string; events: number; actionEvery: number; gapMs: number; t0: number }): BigSession {
  const sessionId = randomUUID();
  const chunks: Chunk[] = [];
  const actions: BigSession['actions'] = [];
  let t = opts.t0;
  let produced = 0;
  for (const page of [0, 1]) {
    const url = `${opts.site}/page-${page + 1}`;
    const events: RrwebEvent[] = [
      { type: 4, timestamp: t, data: { href: url, width: 1024, height: 640 } },
      fullSnapshot(t, `Page ${page + 1}`),
    ];
    const target = Math.floor(opts.events / 2) * (page + 1);
    for (let i = 0; produced + events.length < target; i++) {
      t += page === 0 && i === 2000 ? opts.gapMs : 60;
      const k = i % BUTTONS;
      if (i % opts.actionEvery === opts.actionEvery - 1) {
        const action = clickAction(t, url, k);
        actions.push({ t, nodeId: action.target!.nodeId, name: action.target!.name });
        events.push({ type: 5, timestamp: t, data: { tag: ACTION_EVENT_TAG, payload: action } });
      } else if (i % 7 === 0) {
        events.push({
          type: 3,
          timestamp: t,
          data: { source: 0, texts: [{ id: STATUS_TEXT_ID, value: `Page ${page + 1}, step ${i}` }], attributes: [], removes: [], adds: [] },
        });
      } else {
        events.push({ type: 3, timestamp: t, data: { source: 1, positions: [{ x: 60, y: 70 + 24 * k, id: buttonId(k), timeOffset: 0 }] } });
      }
    }
    for (let seq = 0; seq * EVENTS_PER_CHUNK < events.length; seq++) {
      chunks.push({
        sessionId,
        page,
        seq,
        site: opts.site,
        url,
        events: events.slice(seq * EVENTS_PER_CHUNK, (seq + 1) * EVENTS_PER_CHUNK),
      });
    }
    produced += events.length;
    t += 500;
  }
  return { sessionId, chunks, events: produced, actions };
}

/** `n` small sessions spread over `sites` and over days before `t0` (one every `spacingMs`). */
export function manySessions(opts: { n: number; sites: string[]; t0: number; spacingMs: number }): Chunk[] {
  return Array.from({ length: opts.n }, (_, i) => {
    const site = opts.sites[i % opts.sites.length]!;
    const start = opts.t0 - i * opts.spacingMs;
    const url = `${site}/s/${i}`;
    const events: RrwebEvent[] = [
      { type: 4, timestamp: start, data: { href: url, width: 800, height: 600 } },
      fullSnapshot(start, `Session ${i}`),
    ];
    for (let a = 0; a < 1 + (i % 4); a++) {
      const action = clickAction(start + 1000 * (a + 1) + (i % 50) * 100, url, a);
      events.push({ type: 5, timestamp: action.t, data: { tag: ACTION_EVENT_TAG, payload: action } });
    }
    return { sessionId: randomUUID(), page: 0, seq: 0, site, url, events };
  });
}
