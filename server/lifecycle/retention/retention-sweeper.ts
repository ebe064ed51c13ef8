import type { FastifyBaseLogger } from 'fastify';
import { sweepExpired, type SweepDeps, type SweepResult } from './sweep-expired';

export const DEFAULT_SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Timers injected so tests drive the sweeper without waiting. */
export interface SweepTimers {
  setInterval: (fn: () => void, ms: number) => { unref?: () => void };
  clearInterval: (handle: ReturnType<SweepTimers['setInterval']>) => void;
}

/**
 * Runs sweepExpired at start-up (before the server answers: catching up for
 * the time it was off) and then every `everyMs`. One sweep at a time; a
 * failed sweep is logged and retried on the next tick.
 */
export class RetentionSweeper {
  #handle: ReturnType<SweepTimers['setInterval']> | null = null;
  #running: Promise<SweepResult | null> | null = null;

  constructor(
    private readonly deps: SweepDeps,
    private readonly log: FastifyBaseLogger,
    private readonly everyMs = DEFAULT_SWEEP_EVERY_MS,
    private readonly timers: SweepTimers = { setInterval, clearInterval } as unknown as SweepTimers,
  ) {}

  async start(): Promise<SweepResult | null> {
    const first = await this.sweep();
    this.#handle = this.timers.setInterval(() => void this.sweep(), this.everyMs);
    this.#handle.unref?.();
    return first;
  }

  /** One sweep now (or the one already running); null when it failed. */
  sweep(): Promise<SweepResult | null> {
    this.#running ??= sweepExpired(this.deps)
      .then((result) => {
        if (result.sessions > 0) this.log.info({ ...result }, 'retention: expired sessions deleted');
        return result;
      })
      .catch((err: unknown) => {
        this.log.error({ err }, 'retention sweep failed; retried on the next tick');
        return null;
      })
      .finally(() => (this.#running = null));
    return this.#running;
  }

  /** Stops the timer and waits for a sweep in flight (before the store closes). */
  async stop(): Promise<void> {
    if (this.#handle) this.timers.clearInterval(this.#handle);
    this.#handle = null;
    await this.#running;
  }
}
