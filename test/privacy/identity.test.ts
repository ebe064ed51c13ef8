import { describe, expect, it } from 'vitest';
import { batchSchema } from '../../lib/schema/batch';
import { chunkSchema } from '../../lib/schema/chunk';
import { getInstallId } from '../../lib/platform/install-id';

/**
 * Minimum identity: what a trace says about who recorded it is a random
 * install id and the organisation id from the policy. These tests fail when a
 * field is added to what travels, so that adding one is a privacy decision.
 */
describe('what a trace carries about the person', () => {
  it('a batch: ids, times, versions, chunks, drop reports (chunks and shots); nothing else', () => {
    expect(Object.keys(batchSchema.shape).sort()).toEqual([
      'batchId',
      'chunks',
      // The consent text's version the person agreed to: the same for everyone who agreed to it.
      'consentVersion',
      'dropped',
      'extensionVersion',
      'installId',
      'orgId',
      'sentAt',
      // Running totals of discarded screenshots per page and reason: counts, no pixels, no timing per shot.
      'shotDrops',
    ]);
  });

  it('a chunk: its key, the site (origin), the scrubbed URL and the scrubbed events', () => {
    expect(Object.keys(chunkSchema.shape).sort()).toEqual([
      'events',
      'page',
      'seq',
      'sessionId',
      'site',
      // A random id per tab and stretch of activity (lib/rules/session/assign-page.ts): it links sessions
      // of one tab, which the install id already links; nothing about the person or the tab itself.
      'tabRunId',
      'url',
    ]);
  });

  it('the install id is random, made once and kept, never derived from anything', async () => {
    const store: Record<string, unknown> = {};
    const area = {
      get: async (key: string) => ({ [key]: store[key] }),
      set: async (items: Record<string, unknown>) => void Object.assign(store, items),
    };
    let calls = 0;
    const newId = () => (calls++, crypto.randomUUID());
    const first = await getInstallId(area as never, newId);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getInstallId(area as never, newId)).toBe(first);
    expect(calls).toBe(1);
  });
});
