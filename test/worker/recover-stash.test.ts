import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../lib/schema/chunk';
import { RECORDER_STASH_PREFIX } from '../../lib/schema/recorder-port';
import { recoverStash, type RecoverStashDeps } from '../../lib/worker/recover-stash';

const SESSION = '11111111-1111-4111-8111-111111111111';
const chunk = (seq: number, url = 'http://localhost:3000/'): Chunk => ({ sessionId: SESSION, page: 1, seq, site: 'http://localhost:3000', url, events: [{ type: 3, timestamp: seq, data: {} }] });

function setup(items: Record<string, unknown>, over: Partial<RecoverStashDeps> = {}) {
  const store = { ...items };
  const stored: Array<[number, unknown]> = [];
  const drops: unknown[] = [];
  const deps: RecoverStashDeps = {
    area: { get: async () => ({ ...store }), remove: async (k) => void delete store[k] },
    allowed: async (url) => !url.includes('off'),
    storageOver: async () => false,
    append: async (c, dropped) => void stored.push([c.seq, dropped]),
    drop: async (page, seqs, dropped) => void drops.push([page.page, seqs, dropped]),
    log: () => {},
    ...over,
  };
  return { deps, store, stored, drops };
}

describe('recoverStash', () => {
  it('stores what a recorder left as its page went, with its drop report, and removes the entry', async () => {
    const key = `${RECORDER_STASH_PREFIX}page-load-1`;
    const t = setup({ [key]: { chunks: [chunk(3), chunk(4)], dropped: [{ fromSeq: 0, toSeq: 1 }] }, 'webtrace:config': { x: 1 } });
    expect(await recoverStash(t.deps)).toEqual({ stored: 2, dropped: 0, discarded: 0 });
    expect(t.stored).toEqual([[3, [{ fromSeq: 0, toSeq: 1 }]], [4, []]]);
    expect(Object.keys(t.store)).toEqual(['webtrace:config']);
  });

  it('keeps nothing recording is no longer allowed for, and removes unreadable entries', async () => {
    const t = setup({ [`${RECORDER_STASH_PREFIX}a`]: { chunks: [chunk(0, 'http://localhost:3000/off')], dropped: [] }, [`${RECORDER_STASH_PREFIX}b`]: { chunks: 'nope' } });
    expect(await recoverStash(t.deps)).toEqual({ stored: 0, dropped: 0, discarded: 1 });
    expect(t.store).toEqual({});
  });

  it('counts the chunks as dropped when storage is over its limit', async () => {
    const t = setup({ [`${RECORDER_STASH_PREFIX}a`]: { chunks: [chunk(5), chunk(6)], dropped: [] } }, { storageOver: async () => true });
    expect(await recoverStash(t.deps)).toEqual({ stored: 0, dropped: 2, discarded: 0 });
    expect(t.drops).toEqual([[1, [{ fromSeq: 5, toSeq: 6 }], []]]);
  });

  it('leaves the entry when storing fails, so the next worker start collects it again', async () => {
    const key = `${RECORDER_STASH_PREFIX}a`;
    const t = setup({ [key]: { chunks: [chunk(0)], dropped: [] } }, { append: async () => { throw new Error('quota'); } });
    await expect(recoverStash(t.deps)).rejects.toThrow('quota');
    expect(Object.keys(t.store)).toEqual([key]);
  });
});
