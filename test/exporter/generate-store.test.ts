import { describe, expect, it } from 'vitest';
import { rng, sessionEvents } from '../../exporter/bench/generate-store';

/** The generated sessions the export tests and bench replay must be documents rrweb can mirror: one node per id. */
describe('generated sessions', () => {
  it('give every node of the page snapshot its own rrweb id', () => {
    const snapshot = sessionEvents(5, 'https://app.example.test', 1_700_000_000_000, rng(1)).find((e) => e.type === 2)!;
    const ids: number[] = [];
    const walk = (n: { id: number; childNodes?: unknown[] }) => {
      ids.push(n.id);
      for (const c of n.childNodes ?? []) walk(c as typeof n);
    };
    walk((snapshot.data as { node: { id: number } }).node);
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
