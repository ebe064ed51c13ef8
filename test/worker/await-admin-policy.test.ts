import { describe, expect, it } from 'vitest';
import { awaitAdminPolicy } from '../../lib/worker/await-admin-policy';

function fake(installType: string, initial: Record<string, unknown>) {
  let managed = initial;
  const listeners = new Set<() => void>();
  return {
    deps: {
      installType: async () => installType,
      readManaged: async () => managed,
      onManagedChange: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    },
    arrive(values: Record<string, unknown>) {
      managed = values;
      for (const l of listeners) l();
    },
    listeners,
  };
}

describe("awaiting an admin-installed extension's policy", () => {
  it('does not wait for an install that was not by policy', async () => {
    expect(await awaitAdminPolicy({ ...fake('normal', {}).deps, timeoutMs: 60_000 })).toBe(true);
  });

  it('waits until the policy arrives, then stops listening', async () => {
    const f = fake('admin', {});
    const waiting = awaitAdminPolicy({ ...f.deps, timeoutMs: 60_000 });
    await Promise.resolve();
    f.arrive({});
    f.arrive({ ingestEndpoint: 'https://x' });
    expect(await waiting).toBe(true);
    expect(f.listeners.size).toBe(0);
  });

  it('gives up after the timeout', async () => {
    const f = fake('admin', {});
    expect(await awaitAdminPolicy({ ...f.deps, timeoutMs: 10 })).toBe(false);
    expect(f.listeners.size).toBe(0);
  });
});
