import { appendFile, mkdir } from 'node:fs/promises';
import type { Action } from '../../lib/schema/action';
import type { SessionCompleteness, SessionSummary } from '../../lib/schema/read-api';
import type { Control } from './worker-control';

/** What the server has of a fault run, judged against what the test performed. */
/** The test ids of the clicks on the server, every session oldest first, each in (page, seq) order. */
export async function serverTokens(read: <T>(path: string) => Promise<T>): Promise<string[]> {
  const { sessions } = await read<{ sessions: SessionSummary[] }>('/v1/sessions?limit=1000&sort=start&order=asc');
  const tokens: string[] = [];
  for (const s of sessions) {
    const { actions } = await read<{ actions: Action[] }>(`/v1/sessions/${s.id}/actions`);
    for (const a of actions) if (a.type === 'click' && a.target?.testId) tokens.push(a.target.testId);
  }
  return tokens;
}

export async function completeness(read: <T>(path: string) => Promise<T>): Promise<SessionCompleteness[]> {
  const { sessions } = await read<{ sessions: SessionSummary[] }>('/v1/sessions?limit=1000&sort=start&order=asc');
  return Promise.all(sessions.map((s) => read<SessionCompleteness>(`/v1/sessions/${s.id}/completeness`)));
}

export interface Figures {
  fault: string;
  performed: number;
  delivered: number;
  duplicated: number;
  lost: number;
  inOrder: boolean;
  workerStops: number;
  requests: number;
  faultsInjected: number;
  seconds: number;
}

/** performed vs what the server has: delivered (distinct performed tokens present), duplicated (extra copies), lost. */
export function tally(
  performed: readonly string[],
  onServer: readonly string[],
): Pick<Figures, 'performed' | 'delivered' | 'duplicated' | 'lost' | 'inOrder'> {
  const want = new Set(performed);
  const seen = new Map<string, number>();
  for (const t of onServer) seen.set(t, (seen.get(t) ?? 0) + 1);
  const delivered = [...want].filter((t) => seen.has(t)).length;
  const duplicated = [...seen.values()].reduce((n, c) => n + c - 1, 0);
  return {
    performed: performed.length,
    delivered,
    duplicated,
    lost: want.size - delivered,
    inOrder: onServer.length === performed.length && onServer.every((t, i) => t === performed[i]),
  };
}

/** Prints one fault's figures and appends them to test-results/fault-figures.jsonl. */
export async function report(figures: Figures): Promise<void> {
  console.log(
    `[faults] ${figures.fault}: performed ${figures.performed}, delivered ${figures.delivered}, duplicated ${figures.duplicated}, lost ${figures.lost}, ` +
      `in order ${figures.inOrder}; ${figures.workerStops} worker stops, ${figures.requests} batch requests, ${figures.faultsInjected} faults injected, ${figures.seconds.toFixed(1)} s`,
  );
  await mkdir('test-results', { recursive: true });
  await appendFile('test-results/fault-figures.jsonl', `${JSON.stringify(figures)}\n`);
}

/**
 * Waits until the server has at least `expected` clicks and (with
 * `complete`) every session is complete, asking the worker to upload now
 * between looks unless `uploadNow` is false (then only the worker's own
 * scheduling delivers). Returns what the server has at the end, also on timeout.
 */
export async function waitDelivered(opts: {
  control: Control;
  read: <T>(path: string) => Promise<T>;
  expected: number;
  complete?: boolean;
  uploadNow?: boolean;
  timeoutMs?: number;
}): Promise<{ tokens: string[]; sessions: SessionCompleteness[] }> {
  let last = { tokens: [] as string[], sessions: [] as SessionCompleteness[] };
  for (const deadline = Date.now() + (opts.timeoutMs ?? 60_000); Date.now() < deadline;) {
    // The answer may never come when a fault stops the worker meanwhile: that is fine, look anyway.
    if (opts.uploadNow !== false) await withTimeout(opts.control.ask({ kind: 'upload-now' }), 10_000).catch(() => null);
    last = { tokens: await serverTokens(opts.read), sessions: await completeness(opts.read) };
    const done = last.tokens.length >= opts.expected && (!opts.complete || last.sessions.every((s) => s.complete));
    if (done) return last;
    await opts.control.page.waitForTimeout(250);
  }
  return last;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))]);
}
