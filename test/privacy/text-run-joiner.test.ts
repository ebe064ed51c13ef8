import { describe, expect, it } from 'vitest';
import { growthRatio } from '../support/growth-ratio';
import { createTextRunJoiner } from '../../lib/privacy/text-run-joiner';

/** Feeds texts (null = a block boundary) and returns them as rewritten. */
function join(parts: Array<string | null>): Array<string | null> {
  const nodes = parts.map((p) => (p === null ? null : { textContent: p }));
  const joiner = createTextRunJoiner();
  for (const node of nodes) {
    if (node === null) joiner.boundary();
    else joiner.text(node);
  }
  joiner.finish();
  return nodes.map((n) => (n === null ? null : n.textContent));
}

describe('numbers split across text nodes', () => {
  it('a card in four pieces: the first piece carries the tag, the rest become empty', () => {
    expect(join(['Card 4111', ' ', '1111', ' 1111 ', '1111 ok'])).toEqual(['Card [card:l]', ' ', '', '', ' ok']);
  });
  it('a phone and an SSN in pieces', () => {
    expect(join(['(555) ', '123-', '4567'])).toEqual(['[phone:m]', '', '']);
    expect(join(['SSN: 123', '-45-', '6789'])).toEqual(['SSN: [ssn:m]', '', '']);
  });
  it('a block boundary ends the run; unrelated numbers stay', () => {
    expect(join(['4111', null, '1111', null, '1111', null, '1111'])).toEqual(['4111', null, '1111', null, '1111', null, '1111']);
    expect(join(['Qty ', '12', ' of ', '2024'])).toEqual(['Qty ', '12', ' of ', '2024']);
  });
  it('a number inside one node is left to the per-node scrubber', () => {
    expect(join(['Card [card:l] on file', 'next'])).toEqual(['Card [card:l] on file', 'next']);
  });
  it('stays linear with many numeric pieces', async () => {
    const parts = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? ' ' : String(i % 10)));
    // 8x the pieces: linear is ~8, quadratic ~64 (the bound leaves a busy machine room).
    expect(await growthRatio((n) => join(parts(n)), 50_000 / 8, 50_000)).toBeLessThan(32);
  });
});
