import { randomUUID } from 'node:crypto';
import { ACTION_EVENT_TAG, type Action, type ActionType } from '../../lib/schema/action';
import type { Batch } from '../../lib/schema/batch';
import type { Chunk } from '../../lib/schema/chunk';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';

/** Valid test data: chunks of a few rrweb events plus webtrace action custom events. */
export const SITE = 'http://localhost:5173';

export function makeAction(type: ActionType, t: number, url = `${SITE}/app`): Action {
  return {
    type,
    t,
    url,
    target: {
      tag: 'button',
      role: 'button',
      name: `Do ${type}`,
      nodeId: 42,
      bbox: { x: 1, y: 2, width: 30, height: 10 },
      ancestors: [{ role: 'form', name: 'Login' }],
      selectors: [{ kind: 'testid', value: '[data-testid="go"]', matches: 1 }],
    },
    ...(type === 'type' ? { value: { kind: 'masked' as const, length: 5 } } : {}),
  };
}

export function actionEvent(action: Action): RrwebEvent {
  return { type: 5, timestamp: action.t, data: { tag: ACTION_EVENT_TAG, payload: action } };
}

export interface ChunkSpec {
  sessionId: string;
  page?: number;
  seq?: number;
  /** Timestamp of the first event; events follow 10 ms apart. */
  t0?: number;
  actions?: ActionType[];
  url?: string;
}

/** A chunk: a Meta event on seq 0, an incremental event, then one custom event per action. */
export function makeChunk(spec: ChunkSpec): Chunk {
  const { sessionId, page = 0, seq = 0, t0 = 1_700_000_000_000, actions = ['click'] } = spec;
  const url = spec.url ?? `${SITE}/page${page}`;
  let t = t0;
  const events: RrwebEvent[] = [];
  if (seq === 0) events.push({ type: 4, timestamp: t, data: { href: url, width: 1280, height: 720 } });
  events.push({ type: 3, timestamp: (t += 10), data: { source: 1, positions: [{ x: 5, y: 6, id: 42, timeOffset: 0 }] } });
  for (const type of actions) events.push(actionEvent(makeAction(type, (t += 10), url)));
  return { sessionId, page, seq, site: SITE, url, events };
}

export function makeBatch(chunks: Chunk[], overrides: Partial<Batch> = {}): Batch {
  return {
    batchId: `batch_${randomUUID()}`,
    installId: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69',
    orgId: null,
    // Sent a second after the newest event, as the extension would (the server checks times against sentAt).
    sentAt: Math.max(...chunks.flatMap((c) => c.events.map((e) => e.timestamp))) + 1000,
    extensionVersion: '0.1.0',
    chunks,
    ...overrides,
  };
}

export const newSessionId = (): string => randomUUID();

/** A serialized document (rrweb's shape) whose head holds `title`. */
export const snapshotEvent = (title: string | null, timestamp: number): RrwebEvent => ({
  type: 2,
  timestamp,
  data: {
    node: {
      type: 0,
      id: 1,
      childNodes: [
        {
          type: 2,
          id: 2,
          tagName: 'html',
          attributes: {},
          childNodes: [
            {
              type: 2,
              id: 3,
              tagName: 'head',
              attributes: {},
              childNodes:
                title === null
                  ? []
                  : [{ type: 2, id: 4, tagName: 'title', attributes: {}, childNodes: [{ type: 3, id: 5, textContent: `  ${title}\n ` }] }],
            },
            { type: 2, id: 6, tagName: 'body', attributes: {}, childNodes: [] },
          ],
        },
      ],
    },
    initialOffset: { top: 0, left: 0 },
  },
});
