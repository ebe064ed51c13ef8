import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../lib/schema/batch';
import { MAX_NODE_DEPTH } from '../../lib/schema/rrweb-payload';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, postBatch, useTempApp } from './harness';

/**
 * Probe: rrweb payloads no rrweb produces, and trees deeper than any page,
 * sent as a batch. Each is refused with 400 naming where it is wrong, nothing
 * is written, and the server keeps serving. (Before the fix the second-pass
 * scrubber threw on many of them and on deep trees, and the server said 500.)
 */
const env = useTempApp();

const T = 1_700_000_000_000;
const snapshot = (node: unknown): RrwebEvent => ({ type: 2, timestamp: T, data: { node, initialOffset: { top: 0, left: 0 } } });
const page = (body: unknown[]): unknown => ({
  type: 0,
  id: 1,
  childNodes: [
    {
      type: 2,
      id: 2,
      tagName: 'html',
      attributes: {},
      childNodes: [{ type: 2, id: 3, tagName: 'body', attributes: {}, childNodes: body }],
    },
  ],
});
const div = (extra: Record<string, unknown>) => ({ type: 2, id: 10, tagName: 'div', attributes: {}, childNodes: [], ...extra });
const mutation = (m: Record<string, unknown>): RrwebEvent => ({
  type: 3,
  timestamp: T,
  data: { source: 0, texts: [], attributes: [], removes: [], adds: [], ...m },
});
const incremental = (data: unknown): RrwebEvent => ({ type: 3, timestamp: T, data });

/** A chain of `depth` nested elements, the innermost holding a text. */
function nested(depth: number, firstId = 100): unknown {
  let node: unknown = { type: 3, id: firstId + depth, textContent: 'deep' };
  for (let i = depth - 1; i >= 0; i--) node = { type: 2, id: firstId + i, tagName: 'div', attributes: {}, childNodes: [node] };
  return node;
}

/** The same as JSON text, built by hand: JSON.stringify itself overflows the stack this deep. */
function nestedText(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => `{"type":2,"id":${100 + i},"tagName":"div","attributes":{},"childNodes":[`).join('');
  return `${open}{"type":3,"id":${100 + depth},"textContent":"deep"}${']}'.repeat(depth)}`;
}
const nestedJsonText = (depth: number): string => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
const pageText = (inner: string) =>
  `{"type":0,"id":1,"childNodes":[{"type":2,"id":2,"tagName":"html","attributes":{},"childNodes":[{"type":2,"id":3,"tagName":"body","attributes":{},"childNodes":[${inner}]}]}]}`;

/** [what is wrong, the event, what the message must name] */
const MALFORMED: Array<[string, RrwebEvent, RegExp]> = [
  ['full snapshot data null', { type: 2, timestamp: T, data: null }, /events\[0\]\.data/],
  ['full snapshot data an array', { type: 2, timestamp: T, data: [] }, /events\[0\]\.data/],
  ['full snapshot without node', { type: 2, timestamp: T, data: { initialOffset: { top: 0, left: 0 } } }, /data\.node/],
  ['node null', snapshot(null), /data\.node/],
  ['node type a string', snapshot(page([div({ type: '2' })])), /childNodes\[0\]\.type/],
  ['node type unknown', snapshot(page([div({ type: 42 })])), /childNodes\[0\]\.type/],
  ['node id a string', snapshot(page([div({ id: 'ten' })])), /childNodes\[0\]\.id/],
  ['node without id', snapshot(page([{ type: 3, textContent: 'x' }])), /childNodes\[0\]\.id/],
  ['element tagName a number', snapshot(page([div({ tagName: 7 })])), /tagName/],
  ['element without tagName', snapshot(page([{ type: 2, id: 10, attributes: {}, childNodes: [] }])), /tagName/],
  ['element attributes null', snapshot(page([div({ attributes: null })])), /attributes/],
  ['element attributes an array', snapshot(page([div({ attributes: ['a'] })])), /attributes/],
  ['attribute value an array', snapshot(page([div({ attributes: { class: ['a'] } })])), /attributes\.class/],
  ['childNodes null', snapshot(page([div({ childNodes: null })])), /childNodes/],
  ['childNodes an object', snapshot(page([div({ childNodes: { 0: {} } })])), /childNodes/],
  ['a child null', snapshot(page([null])), /childNodes\[0\]/],
  ['a child a number', snapshot(page([5])), /childNodes\[0\]/],
  ['text a number', snapshot(page([{ type: 3, id: 10, textContent: 5 }])), /textContent/],
  ['mutation texts null', mutation({ texts: null }), /data\.texts/],
  ['mutation text entry null', mutation({ texts: [null] }), /data\.texts\[0\]/],
  ['mutation text id a string', mutation({ texts: [{ id: 'a', value: 'x' }] }), /data\.texts\[0\]\.id/],
  ['mutation text value a number', mutation({ texts: [{ id: 1, value: 5 }] }), /data\.texts\[0\]\.value/],
  ['mutation attribute entry null', mutation({ attributes: [null] }), /data\.attributes\[0\]/],
  ['mutation attribute map null', mutation({ attributes: [{ id: 1, attributes: null }] }), /data\.attributes\[0\]\.attributes/],
  ['mutation attribute value a number', mutation({ attributes: [{ id: 1, attributes: { title: 5 } }] }), /attributes\.title/],
  ['mutation remove entry null', mutation({ removes: [null] }), /data\.removes\[0\]/],
  ['mutation remove id a string', mutation({ removes: [{ parentId: 1, id: 'x' }] }), /data\.removes\[0\]\.id/],
  ['mutation adds null', mutation({ adds: null }), /data\.adds/],
  ['mutation add entry null', mutation({ adds: [null] }), /data\.adds\[0\]/],
  ['mutation added node null', mutation({ adds: [{ parentId: 1, nextId: null, node: null }] }), /data\.adds\[0\]\.node/],
  ['mutation add parentId a string', mutation({ adds: [{ parentId: '1', nextId: null, node: div({}) }] }), /data\.adds\[0\]\.parentId/],
  ['mutation add nextId a string', mutation({ adds: [{ parentId: 1, nextId: '2', node: div({}) }] }), /data\.adds\[0\]\.nextId/],
  [
    'mutation added node with bad children',
    mutation({ adds: [{ parentId: 1, nextId: null, node: div({ childNodes: [null] }) }] }),
    /data\.adds\[0\]\.node\.childNodes\[0\]/,
  ],
  ['incremental data null', incremental(null), /events\[0\]\.data/],
  ['incremental source unknown', incremental({ source: 99 }), /data\.source/],
  ['input id a string', incremental({ source: 5, id: 'x', text: '***', isChecked: false }), /data\.id/],
  ['input text a number', incremental({ source: 5, id: 1, text: 3, isChecked: false }), /data\.text/],
  ['mouse positions null', incremental({ source: 1, positions: null }), /data\.positions/],
  ['style rule not a string', incremental({ source: 8, id: 1, adds: [{ rule: 5 }] }), /data\.adds\[0\]\.rule/],
  ['selection ranges null', incremental({ source: 14, ranges: null }), /data\.ranges/],
  ['meta href a number', { type: 4, timestamp: T, data: { href: 5, width: 1, height: 1 } }, /data\.href/],
  ['custom data null', { type: 5, timestamp: T, data: null }, /events\[0\]\.data/],
  ['custom tag a number', { type: 5, timestamp: T, data: { tag: 5, payload: {} } }, /data\.tag/],
  ['plugin without a name', { type: 6, timestamp: T, data: { payload: {} } }, /data\.plugin/],
  ['event type no rrweb has', { type: 9, timestamp: T, data: {} }, /events\[0\]\.type/],
];

/** [what, the event as JSON text, what the message must say] */
const DEEP: Array<[string, string, RegExp]> = [
  [
    'a snapshot 2,000 levels deep',
    `{"type":2,"timestamp":${T},"data":{"node":${pageText(nestedText(2_000))},"initialOffset":{"top":0,"left":0}}}`,
    /deeper than/,
  ],
  [
    'a snapshot 50,000 levels deep',
    `{"type":2,"timestamp":${T},"data":{"node":${pageText(nestedText(50_000))},"initialOffset":{"top":0,"left":0}}}`,
    /deeper than/,
  ],
  [
    'an added tree 2,000 levels deep',
    `{"type":3,"timestamp":${T},"data":{"source":0,"texts":[],"attributes":[],"removes":[],"adds":[{"parentId":3,"nextId":null,"node":${nestedText(2_000)}}]}}`,
    /deeper than/,
  ],
  [
    'a custom payload 100,000 levels deep',
    `{"type":5,"timestamp":${T},"data":{"tag":"x","payload":${nestedJsonText(100_000)}}}`,
    /nested deeper/,
  ],
  [
    'a style event 100,000 levels deep',
    `{"type":3,"timestamp":${T},"data":{"source":8,"id":1,"adds":[{"rule":"a{}","index":${nestedJsonText(100_000)}}]}}`,
    /nested deeper/,
  ],
];

/** A valid batch whose one event is `eventJson`, as raw JSON text. */
function batchTextWith(eventJson: string): Buffer {
  const batch = batchWith({ type: 0, timestamp: T, data: '__EVENT__' });
  return Buffer.from(JSON.stringify(batch).replace('{"type":0,"timestamp":1700000000000,"data":"__EVENT__"}', eventJson));
}

function batchWith(event: RrwebEvent) {
  const chunk = makeChunk({ sessionId: newSessionId() });
  return makeBatch([{ ...chunk, events: [event] }]);
}

describe('hostile rrweb payloads', () => {
  it(`refuses each of the ${MALFORMED.length} malformed shapes with 400 naming the field, writing nothing`, async () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(32);
    for (const [what, event, names] of MALFORMED) {
      const res = await postBatch(env.app, batchWith(event));
      expect(res.statusCode, what).toBe(400);
      const body = errorBodySchema.parse(res.json());
      expect(body.error, what).toBe('invalid_event');
      expect(body.message, what).toMatch(/^chunks\[0\]\.events\[0\]/);
      expect(body.message, what).toMatch(names);
    }
    expect(await listFiles(env.dir)).toEqual([]);
    expect((await getJson(env.app, '/healthz', null)).statusCode).toBe(200);
  });

  it('refuses trees and payloads deeper than any page with 400, and does not fall over', async () => {
    for (const [what, json, names] of DEEP) {
      const res = await postBatch(env.app, gzipSync(batchTextWith(json)));
      expect(res.statusCode, what).toBe(400);
      expect(errorBodySchema.parse(res.json()).message, what).toMatch(names);
    }
    expect(await listFiles(env.dir)).toEqual([]);
  });

  it(`stores a snapshot exactly ${MAX_NODE_DEPTH} levels deep, the deepest the recorder sends`, async () => {
    // page() puts the chain at depth 4 (document > html > body > chain).
    const event = snapshot(page([nested(MAX_NODE_DEPTH - 4)]));
    const res = await postBatch(env.app, batchWith(event));
    expect(res.statusCode, res.body).toBe(200);
    const tooDeep = await postBatch(env.app, batchWith(snapshot(page([nested(MAX_NODE_DEPTH - 3)]))));
    expect(tooDeep.statusCode).toBe(400);
  });

  it('stores a long chain of flat additions (each under the one before) without recursing on it', async () => {
    // rrweb adds nodes one by one (skipChild), so a page built deep by script arrives like this.
    const adds = Array.from({ length: 20_000 }, (_, i) => ({
      parentId: i === 0 ? 3 : 1000 + i - 1,
      nextId: null,
      node: { type: 2, id: 1000 + i, tagName: 'div', attributes: {}, childNodes: [] },
    }));
    const chunk = makeChunk({ sessionId: newSessionId() });
    const res = await postBatch(env.app, makeBatch([{ ...chunk, events: [snapshot(page([])), mutation({ adds })] }]));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('accepts every payload shape rrweb 2.2.2 itself produces', async () => {
    const events: RrwebEvent[] = [
      { type: 0, timestamp: T, data: {} },
      { type: 1, timestamp: T, data: {} },
      { type: 4, timestamp: T, data: { href: 'http://localhost:5173/a', width: 1280, height: 720 } },
      snapshot({
        type: 0,
        id: 1,
        compatMode: 'CSS1Compat',
        childNodes: [
          { type: 1, id: 2, name: 'html', publicId: '', systemId: '' },
          {
            type: 2,
            id: 3,
            tagName: 'html',
            attributes: { lang: 'en' },
            childNodes: [
              {
                type: 2,
                id: 4,
                tagName: 'head',
                attributes: {},
                childNodes: [
                  {
                    type: 2,
                    id: 5,
                    tagName: 'style',
                    attributes: { _cssText: 'a{}' },
                    childNodes: [{ type: 3, id: 6, textContent: '', isStyle: true }],
                  },
                ],
              },
              {
                type: 2,
                id: 7,
                tagName: 'body',
                attributes: { class: 'x', 'data-n': 1, hidden: true, title: null },
                childNodes: [
                  { type: 5, id: 8, textContent: ' comment ' },
                  { type: 4, id: 9, textContent: '' },
                  { type: 2, id: 10, tagName: 'svg', attributes: {}, childNodes: [], isSVG: true },
                  { type: 2, id: 11, tagName: 'my-el', attributes: {}, childNodes: [], isCustom: true, isShadowHost: true },
                  { type: 2, id: 12, tagName: 'div', attributes: { rr_width: '10px', rr_height: '10px' }, childNodes: [], needBlock: true },
                  { type: 2, id: 13, tagName: 'input', attributes: { type: 'text', value: '***' }, childNodes: [] },
                ],
              },
            ],
          },
        ],
      }),
      mutation({
        texts: [
          { id: 6, value: 'b{}' },
          { id: 8, value: null },
        ],
        attributes: [
          { id: 7, attributes: { class: 'y', title: null, style: { color: 'red', margin: ['0', 'important'], padding: false } } },
        ],
        removes: [
          { parentId: 7, id: 8 },
          { parentId: 11, id: 20, isShadow: true },
        ],
        adds: [
          { parentId: 7, nextId: null, previousId: 13, node: { type: 2, id: 14, tagName: 'p', attributes: {}, childNodes: [], rootId: 1 } },
        ],
        isAttachIframe: true,
      }),
      incremental({ source: 1, positions: [{ x: 1, y: 2, id: 7, timeOffset: -10 }] }),
      incremental({ source: 2, type: 2, id: 7, x: 1, y: 2, pointerType: 0 }),
      incremental({ source: 2, type: 5, id: 13 }),
      incremental({ source: 3, id: 1, x: 0, y: 100 }),
      incremental({ source: 4, width: 800, height: 600 }),
      incremental({ source: 5, id: 13, text: '***', isChecked: false, userTriggered: true }),
      incremental({ source: 6, positions: [{ x: 1, y: 2, id: 7, timeOffset: 0 }] }),
      incremental({ source: 7, type: 0, id: 7, currentTime: 1.5, volume: 1, muted: false, loop: false, playbackRate: 1 }),
      incremental({ source: 8, id: 5, adds: [{ rule: 'a{color:red}', index: [0, 1] }], removes: [{ index: 0 }] }),
      incremental({ source: 8, styleId: 1, replace: 'a{}', replaceSync: 'b{}' }),
      incremental({ source: 10, family: 'x', fontSource: 'url(x.woff)', buffer: false, descriptors: {} }),
      incremental({ source: 12, positions: [{ x: 1, y: 2, id: 7, timeOffset: 0 }] }),
      incremental({
        source: 13,
        id: 5,
        index: [0],
        set: { property: 'color', value: 'red', priority: '' },
        remove: { property: 'margin' },
      }),
      incremental({ source: 14, ranges: [{ start: 6, startOffset: 0, end: 6, endOffset: 1 }] }),
      incremental({ source: 15, id: 1, styleIds: [1], styles: [{ styleId: 1, rules: [{ rule: 'a{}' }] }] }),
      incremental({ source: 16, define: { name: 'my-el' } }),
      { type: 5, timestamp: T, data: { tag: 'webtrace.page-end', payload: { reason: 'pagehide' } } },
      { type: 6, timestamp: T, data: { plugin: 'rrweb/x@1', payload: { a: [1, 'b'] } } },
    ];
    const chunk = makeChunk({ sessionId: newSessionId() });
    const res = await postBatch(env.app, makeBatch([{ ...chunk, events }]));
    expect(res.statusCode, res.body).toBe(200);
  });
});
