type Mode = 'shared' | 'exclusive';

interface KeyState {
  readers: number;
  writer: boolean;
  /** Waiting callers in arrival order: a waiting exclusive holder blocks shared ones behind it (no starvation). */
  queue: Array<{ mode: Mode; grant: () => void }>;
}

/**
 * In-process mutexes by key. `run` takes several keys at once, always in
 * sorted order, so two callers needing overlapping keys cannot deadlock.
 * Keys listed in `shared` are taken in shared mode: any number of shared
 * holders run together, an exclusive holder runs alone (an install's uploads
 * share its key, its erasure takes it exclusively: server/lifecycle/install-gate.ts).
 */
export class KeyedLock {
  readonly #keys = new Map<string, KeyState>();

  async run<T>(keys: readonly string[], fn: () => Promise<T>, opts: { shared?: readonly string[] } = {}): Promise<T> {
    const exclusive = new Set(keys);
    const modes = new Map<string, Mode>([
      ...(opts.shared ?? []).filter((k) => !exclusive.has(k)).map((k) => [k, 'shared'] as const),
      ...[...exclusive].map((k) => [k, 'exclusive'] as const),
    ]);
    const releases: (() => void)[] = [];
    try {
      for (const key of [...modes.keys()].sort()) releases.push(await this.#acquire(key, modes.get(key)!));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** Keys currently held or waited for (tests check nothing leaks). */
  get size(): number {
    return this.#keys.size;
  }

  async #acquire(key: string, mode: Mode): Promise<() => void> {
    let state = this.#keys.get(key);
    if (!state) {
      state = { readers: 0, writer: false, queue: [] };
      this.#keys.set(key, state);
    }
    const s = state;
    if (s.queue.length === 0 && compatible(s, mode)) take(s, mode);
    else await new Promise<void>((grant) => s.queue.push({ mode, grant }));
    return () => {
      if (mode === 'exclusive') s.writer = false;
      else s.readers -= 1;
      this.#wake(key, s);
    };
  }

  /** Grants the waiters at the head of the queue that may run now; forgets an idle key. */
  #wake(key: string, s: KeyState): void {
    while (s.queue.length > 0 && compatible(s, s.queue[0]!.mode)) {
      const next = s.queue.shift()!;
      take(s, next.mode);
      next.grant();
    }
    if (!s.writer && s.readers === 0 && s.queue.length === 0) this.#keys.delete(key);
  }
}

const compatible = (s: KeyState, mode: Mode): boolean => !s.writer && (mode === 'shared' || s.readers === 0);

function take(s: KeyState, mode: Mode): void {
  if (mode === 'exclusive') s.writer = true;
  else s.readers += 1;
}
