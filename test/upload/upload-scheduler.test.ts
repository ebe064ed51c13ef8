import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploadRunReport } from '../../lib/upload/upload-run';
import { createUploadScheduler } from '../../lib/upload/upload-scheduler';

const report = (status: UploadRunReport['status'] = 'drained'): UploadRunReport => ({
  status,
  batchesUploaded: 0,
  chunksUploaded: 0,
  chunksSetAside: 0,
  requests: 0,
  dropsReported: 0,
  notBefore: 0,
});

/** A run() whose calls stay pending until the test finishes them. */
function controllableRun() {
  const pending: Array<(r: UploadRunReport) => void> = [];
  let active = 0;
  let maxActive = 0;
  const run = vi.fn(
    () =>
      new Promise<UploadRunReport>((resolve) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        pending.push((r) => {
          active -= 1;
          resolve(r);
        });
      }),
  );
  const finishNext = async (r = report()) => {
    pending.shift()!(r);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { run, finishNext, maxActive: () => maxActive };
}

const UPLOAD = { delayMs: 5_000, thresholdBytes: 100_000 };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createUploadScheduler', () => {
  it('runs one at a time: triggers during a run give exactly one trailing run', async () => {
    const c = controllableRun();
    const scheduler = createUploadScheduler({ run: c.run, uploadConfig: () => UPLOAD });
    const first = scheduler.trigger();
    void scheduler.trigger();
    scheduler.notifyQueued(UPLOAD.thresholdBytes);
    void scheduler.trigger();
    expect(c.run).toHaveBeenCalledTimes(1);
    await c.finishNext();
    expect(c.run).toHaveBeenCalledTimes(2);
    await c.finishNext();
    await first;
    expect(c.run).toHaveBeenCalledTimes(2);
    expect(c.maxActive()).toBe(1);
    // Idle again: the next trigger starts a fresh run.
    void scheduler.trigger();
    expect(c.run).toHaveBeenCalledTimes(3);
  });

  it('runs at once when the queued bytes reach the threshold', () => {
    const run = vi.fn(async () => report());
    const scheduler = createUploadScheduler({ run, uploadConfig: () => UPLOAD });
    scheduler.notifyQueued(UPLOAD.thresholdBytes - 1);
    expect(run).not.toHaveBeenCalled();
    scheduler.notifyQueued(UPLOAD.thresholdBytes);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs delayMs after new data, and later data does not push the timer back', async () => {
    const run = vi.fn(async () => report());
    const scheduler = createUploadScheduler({ run, uploadConfig: () => UPLOAD });
    scheduler.notifyQueued(10);
    await vi.advanceTimersByTimeAsync(4_000);
    scheduler.notifyQueued(20);
    await vi.advanceTimersByTimeAsync(999);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('comes back after delayMs when a run stopped at its batch budget', async () => {
    const statuses: UploadRunReport['status'][] = ['budgetExhausted', 'drained'];
    const run = vi.fn(async () => report(statuses.shift()));
    const scheduler = createUploadScheduler({ run, uploadConfig: () => UPLOAD });
    await scheduler.trigger();
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(UPLOAD.delayMs);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('reports a failed run and keeps working', async () => {
    const onError = vi.fn();
    const run = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(report());
    const onReport = vi.fn();
    const scheduler = createUploadScheduler({ run, uploadConfig: () => UPLOAD, onError, onReport });
    await scheduler.trigger();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
    await scheduler.trigger();
    expect(run).toHaveBeenCalledTimes(2);
    expect(onReport).toHaveBeenCalledWith(report());
  });

  it('does nothing once disposed', async () => {
    const run = vi.fn(async () => report());
    const scheduler = createUploadScheduler({ run, uploadConfig: () => UPLOAD });
    scheduler.notifyQueued(1);
    scheduler.dispose();
    await vi.advanceTimersByTimeAsync(UPLOAD.delayMs * 2);
    await scheduler.trigger();
    expect(run).not.toHaveBeenCalled();
  });

  it('comes back by itself when a wait (Retry-After, backoff) is over', async () => {
    const reports = [{ ...report('rateLimited'), notBefore: Date.now() + 5_000 }, report('drained')];
    const run = vi.fn(async () => reports.shift() ?? report());
    const scheduler = createUploadScheduler({ run, uploadConfig: () => ({ ...UPLOAD, delayMs: 60_000 }) });
    await scheduler.trigger();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(run).toHaveBeenCalledTimes(1);
    // New data asks for a run in 60 s: it does not push the earlier retry back.
    scheduler.notifyQueued(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    // Drained: no more retries.
    await vi.advanceTimersByTimeAsync(59_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never retries in a tight loop: a wait already over still waits a second', async () => {
    const run = vi.fn(async () => ({ ...report('backingOff'), notBefore: 0 }));
    const scheduler = createUploadScheduler({ run, uploadConfig: () => ({ ...UPLOAD, delayMs: 60_000 }) });
    await scheduler.trigger();
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.dispose();
  });
});
