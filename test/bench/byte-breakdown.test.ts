import { describe, expect, it } from 'vitest';
import { byteBreakdown, byteKindOf } from '../../bench/support/byte-breakdown';
import { ACTION_EVENT_TAG } from '../../lib/schema/action';

describe('byteBreakdown', () => {
  it('sorts events into kinds', () => {
    expect(byteKindOf({ type: 2, data: {} })).toBe('snapshot');
    expect(byteKindOf({ type: 3, data: { source: 0 } })).toBe('mutation');
    expect(byteKindOf({ type: 3, data: { source: 1 } })).toBe('pointer');
    expect(byteKindOf({ type: 5, data: { tag: ACTION_EVENT_TAG } })).toBe('action');
    expect(byteKindOf({ type: 5, data: { tag: 'other' } })).toBe('other');
    expect(byteKindOf({ type: 4, data: {} })).toBe('other');
  });

  it("sums each kind's JSON and gzip over the groups", () => {
    const mutation = { type: 3, data: { source: 0, adds: [] } };
    const parts = byteBreakdown([[mutation, { type: 4, data: {} }], [mutation]]);
    expect(parts.mutation.json).toBe(2 * JSON.stringify([mutation]).length);
    expect(parts.mutation.gzip).toBeGreaterThan(0);
    expect(parts.snapshot).toEqual({ json: 0, gzip: 0 });
    expect(parts.other.json).toBe(JSON.stringify([{ type: 4, data: {} }]).length);
  });
});
