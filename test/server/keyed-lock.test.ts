import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../server/util/keyed-lock';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('KeyedLock', () => {
  it('runs holders of the same key one at a time, others in parallel, and forgets idle keys', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const job = (name: string, keys: string[]) =>
      lock.run(keys, async () => {
        log.push(`${name}+`);
        await tick();
        log.push(`${name}-`);
      });
    await Promise.all([job('a', ['x']), job('b', ['x', 'y']), job('c', ['z'])]);
    // c does not wait for a; b starts only after a ends.
    expect(log.indexOf('c+')).toBeLessThan(log.indexOf('a-'));
    expect(log.indexOf('b+')).toBeGreaterThan(log.indexOf('a-'));
    expect(lock.size).toBe(0);
  });

  it('does not deadlock on overlapping keys taken in opposite order, and releases on throw', async () => {
    const lock = new KeyedLock();
    const failing = lock.run(['p', 'q'], async () => {
      await tick();
      throw new Error('boom');
    });
    const other = lock.run(['q', 'p'], async () => 'done');
    await expect(failing).rejects.toThrow('boom');
    await expect(other).resolves.toBe('done');
    expect(lock.size).toBe(0);
  });
});
