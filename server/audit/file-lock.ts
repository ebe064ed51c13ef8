import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * A lock file shared by processes on one machine (the server and the
 * exporter append to one audit log). Taken by creating the file exclusively
 * (`wx`), with the holder's pid, host and time inside; waited for with a
 * bounded, growing poll. A lock whose holder on this host is no longer alive,
 * or older than `staleMs` (no holder keeps it more than an append's fsync), is
 * broken: renamed aside first, so two waiters cannot both break it and one
 * remove the other's fresh lock.
 */
export interface LockOptions {
  /** Give up after waiting this long (ms). */
  waitMs?: number;
  /** A lock older than this (wall clock) is a dead holder's. */
  staleMs?: number;
  /** Measures the wait (tests pass a fake one with `sleep`). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

interface Holder {
  pid: number;
  host: string;
  at: number;
}

export async function withFileLock<T>(path: string, opts: LockOptions, work: () => Promise<T>): Promise<T> {
  const release = await acquire(path, opts);
  try {
    return await work();
  } finally {
    await release();
  }
}

async function acquire(path: string, opts: LockOptions): Promise<() => Promise<void>> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const waitMs = opts.waitMs ?? 10_000;
  const staleMs = opts.staleMs ?? 60_000;
  const started = now();
  // The holder's time is the wall clock: another process judges its age.
  const me = JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() } satisfies Holder);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(me);
      } catch (err) {
        // A full disk can create the file and refuse its content: an empty lock would hold every
        // later append off until it is judged stale, long after the disk has space again.
        await handle.close();
        await rm(path, { force: true });
        throw err;
      }
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readHolder(path);
    if (holder && isStale(holder, staleMs)) {
      await breakLock(path, holder.text);
      continue;
    }
    if (now() - started >= waitMs) {
      const who = holder?.parsed
        ? `process ${holder.parsed.pid} on ${holder.parsed.host} since ${new Date(holder.parsed.at).toISOString()}`
        : 'another process';
      throw new LockTimeoutError(
        `${path} is held by ${who}; waited ${waitMs} ms. If no webtrace server or exporter is running, remove that file.`,
      );
    }
    // Short, jittered polls: a holder keeps the lock for one write and fsync, and waiters should not march in step.
    await sleep(Math.min(2 * 2 ** attempt, 20) * (0.5 + Math.random()));
  }
}

async function readHolder(path: string): Promise<{ text: string; parsed: Holder | null; mtimeMs: number } | null> {
  const [text, info] = await Promise.all([readFile(path, 'utf8').catch(() => null), stat(path).catch(() => null)]);
  if (text === null || info === null) return null;
  try {
    const parsed = JSON.parse(text) as Holder;
    const ok = typeof parsed?.pid === 'number' && typeof parsed.at === 'number' && typeof parsed.host === 'string';
    return { text, parsed: ok ? parsed : null, mtimeMs: info.mtimeMs };
  } catch {
    // Created but not yet written (its holder is between open and write, or died there): judged by the file's age.
    return { text, parsed: null, mtimeMs: info.mtimeMs };
  }
}

function isStale(holder: { parsed: Holder | null; mtimeMs: number }, staleMs: number): boolean {
  if (!holder.parsed) return Date.now() - holder.mtimeMs > staleMs;
  if (Date.now() - holder.parsed.at > staleMs) return true;
  return holder.parsed.host === hostname() && !isAlive(holder.parsed.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves the stale lock aside; if what was moved is not the lock judged stale (someone took it meanwhile), puts it back. */
async function breakLock(path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return; // already gone: try again
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleText);
  if (moved !== staleText) await link(aside, path).catch(() => undefined); // fails if a newer lock exists: then that one stands
  await rm(aside, { force: true });
}
