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

  it('runs shared holders of a key together, an exclusive one alone, and lets no shared holder overtake a waiting exclusive one', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const job = (name: string, mode: 'shared' | 'exclusive') =>
      lock.run(
        mode === 'exclusive' ? ['k'] : [],
        async () => {
          log.push(`${name}+`);
          await tick();
          log.push(`${name}-`);
        },
        { shared: mode === 'shared' ? ['k'] : [] },
      );
    await Promise.all([job('r1', 'shared'), job('r2', 'shared'), job('w', 'exclusive'), job('r3', 'shared')]);
    // r1 and r2 overlap; w waits for both; r3 came after w, so it waits for w.
    expect(log.indexOf('r2+')).toBeLessThan(log.indexOf('r1-'));
    expect(log.indexOf('w+')).toBeGreaterThan(Math.max(log.indexOf('r1-'), log.indexOf('r2-')));
    expect(log.indexOf('r3+')).toBeGreaterThan(log.indexOf('w-'));
    expect(lock.size).toBe(0);
  });

  it('takes a key named both shared and exclusive exclusively', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const job = (name: string) =>
      lock.run(
        ['k'],
        async () => {
          log.push(`${name}+`);
          await tick();
          log.push(`${name}-`);
        },
        { shared: ['k'] },
      );
    await Promise.all([job('a'), job('b')]);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-']);
  });
});
