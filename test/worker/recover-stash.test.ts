import { buildChunk } from '../support/builders';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../lib/schema/chunk';
import { RECORDER_STASH_PREFIX } from '../../lib/schema/storage-keys';
import { recoverStash, type RecoverStashDeps } from '../../lib/worker/recover-stash';

const chunk = (seq: number, url = 'http://localhost:3000/'): Chunk => buildChunk({ page: 1, seq, url });

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
    const t = setup({
      [key]: JSON.stringify({ chunks: [chunk(3), chunk(4)], dropped: [{ fromSeq: 0, toSeq: 1 }] }),
      'webtrace:config': { x: 1 },
    });
    expect(await recoverStash(t.deps)).toEqual({ stored: 2, dropped: 0, discarded: 0 });
    expect(t.stored).toEqual([
      [3, [{ fromSeq: 0, toSeq: 1 }]],
      [4, []],
    ]);
    expect(Object.keys(t.store)).toEqual(['webtrace:config']);
  });

  it('keeps nothing recording is no longer allowed for, and removes unreadable entries', async () => {
    const t = setup({
      [`${RECORDER_STASH_PREFIX}a`]: JSON.stringify({ chunks: [chunk(0, 'http://localhost:3000/off')], dropped: [] }),
      [`${RECORDER_STASH_PREFIX}b`]: '{"chunks": "nope"}',
    });
    expect(await recoverStash(t.deps)).toEqual({ stored: 0, dropped: 0, discarded: 1 });
    expect(t.store).toEqual({});
  });

  it('counts the chunks as dropped when storage is over its limit', async () => {
    const t = setup(
      { [`${RECORDER_STASH_PREFIX}a`]: JSON.stringify({ chunks: [chunk(5), chunk(6)], dropped: [] }) },
      { storageOver: async () => true },
    );
    expect(await recoverStash(t.deps)).toEqual({ stored: 0, dropped: 2, discarded: 0 });
    expect(t.drops).toEqual([[1, [{ fromSeq: 5, toSeq: 6 }], []]]);
  });

  it('leaves the entry when storing fails, so the next worker start collects it again', async () => {
    const key = `${RECORDER_STASH_PREFIX}a`;
    const t = setup(
      { [key]: JSON.stringify({ chunks: [chunk(0)], dropped: [] }) },
      {
        append: async () => {
          throw new Error('quota');
        },
      },
    );
    await expect(recoverStash(t.deps)).rejects.toThrow('quota');
    expect(Object.keys(t.store)).toEqual([key]);
  });

  it('brings back a page deeper than storage.local keeps, whole, and discards a stash an older version left as an object', async () => {
    // chrome.storage.local keeps 100 levels of nesting; deeper values come back as null (TOOLCHAIN.md).
    const throughStorage = (value: unknown): unknown => {
      const cut = (v: unknown, depth: number): unknown => {
        if (v === null || typeof v !== 'object') return v;
        if (depth >= 100) return null;
        return Array.isArray(v)
          ? v.map((x) => cut(x, depth + 1))
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cut(x, depth + 1)]));
      };
      return cut(value, 0);
    };
    let node: Record<string, unknown> = { type: 3, id: 999, textContent: 'bottom' };
    for (let i = 0; i < 80; i++) node = { type: 2, id: 10 + i, tagName: 'div', attributes: {}, childNodes: [node] };
    const deep: Chunk = { ...chunk(7), events: [{ type: 2, timestamp: 7, data: { node, initialOffset: { top: 0, left: 0 } } }] };
    const stash = { chunks: [deep], dropped: [] };
    const { serializeRecorderStash } = await import('../../lib/schema/recorder-port');
    const chunks: Chunk[] = [];
    const t = setup(
      {
        [`${RECORDER_STASH_PREFIX}new`]: throughStorage(serializeRecorderStash(stash)),
        [`${RECORDER_STASH_PREFIX}old`]: throughStorage(stash),
      },
      { append: async (c) => void chunks.push(c) },
    );
    expect(await recoverStash(t.deps)).toEqual({ stored: 1, dropped: 0, discarded: 0 });
    expect(chunks).toEqual([deep]);
    expect(t.store).toEqual({});
  });
});
