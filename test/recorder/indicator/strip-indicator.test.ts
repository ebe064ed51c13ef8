import { describe, expect, it } from 'vitest';
import { stripIndicator } from '../../../lib/recorder/indicator/strip-indicator';
import type { RrwebEvent } from '../../../lib/schema/rrweb-event';

const HOST = 99;
const ev = (type: number, data: unknown): RrwebEvent => ({ type, data, timestamp: 1 }) as RrwebEvent;

describe('stripping the recording indicator from rrweb events', () => {
  it('drops the host from a full snapshot, keeping the rest of <html>', () => {
    const snapshot = ev(2, {
      node: { id: 1, childNodes: [{ id: 2, childNodes: [{ id: 3 }, { id: HOST, childNodes: [] }] }] },
    });
    const out = stripIndicator(snapshot, HOST);
    expect(JSON.stringify(out)).not.toContain(`"id":${HOST}`);
    expect(JSON.stringify(out)).toContain('"id":3');
    expect(JSON.stringify(snapshot)).toContain(`"id":${HOST}`); // not mutated
  });

  it('drops its mutations and re-anchors a node added before it', () => {
    const out = stripIndicator(
      ev(3, {
        source: 0,
        adds: [
          { parentId: 2, nextId: null, node: { id: HOST } },
          { parentId: 2, nextId: HOST, node: { id: 5 } },
        ],
        removes: [{ parentId: 2, id: HOST }],
        texts: [],
        attributes: [{ id: HOST, attributes: { style: 'x' } }],
      }),
      HOST,
    );
    const data = out?.data as { adds: { nextId: number | null; node: { id: number } }[]; removes: unknown[]; attributes: unknown[] };
    expect(data.adds).toEqual([{ parentId: 2, nextId: null, node: { id: 5 } }]);
    expect(data.removes).toEqual([]);
    expect(data.attributes).toEqual([]);
  });

  it('drops clicks on it and pointer positions over it', () => {
    expect(stripIndicator(ev(3, { source: 2, type: 2, id: HOST, x: 1, y: 1 }), HOST)).toBeNull();
    expect(stripIndicator(ev(3, { source: 1, positions: [{ id: HOST, x: 1, y: 1, timeOffset: 0 }] }), HOST)).toBeNull();
    const mixed = stripIndicator(
      ev(3, {
        source: 1,
        positions: [
          { id: HOST, x: 1, y: 1, timeOffset: 0 },
          { id: 4, x: 2, y: 2, timeOffset: 5 },
        ],
      }),
      HOST,
    );
    expect((mixed?.data as { positions: { id: number }[] }).positions.map((p) => p.id)).toEqual([4]);
  });

  it('leaves other events, and everything when there is no indicator', () => {
    const click = ev(3, { source: 2, type: 2, id: 4, x: 1, y: 1 });
    expect(stripIndicator(click, HOST)).toBe(click);
    const onHost = ev(3, { source: 2, type: 2, id: HOST, x: 1, y: 1 });
    expect(stripIndicator(onHost, -1)).toBe(onHost);
  });
});
