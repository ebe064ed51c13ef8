import type { Chunk } from '../schema/chunk';
import { isPageEndEvent } from '../schema/marker-events';
import type { RrwebEvent } from '../schema/rrweb-event';
import type { ShotRegionsRequest } from '../schema/shot-regions';
import type { RecorderToWorkerMessage } from '../schema/recorder-port';
import { workerToRecorderSchema, type RecorderSettings } from '../schema/worker-to-recorder';
import { leaveStash } from './recorder-stash';
import { createUnackedWindow, type HeldChunk } from './unacked-window';

/**
 * The recorder's side of the port to the service worker. It keeps every chunk
 * until the worker acknowledges it as durable, and after any disconnection
 * (the worker is stopped whenever MV3 pleases) reconnects, says hello again
 * with the same pageLoadId and resends what is still unacknowledged.
 *
 * Once the page has a session, chunks are posted at once, even right after a
 * reconnecting hello and before its answer: the worker handles a port's
 * messages in order, and a page about to unload (pagehide) gets no second
 * chance to send. For the same reason, when a run ends the page (page-end
 * marker) whatever is still unacknowledged is also left in the stash
 * (lib/schema/recorder-port.ts), which the worker collects. What the recorder
 * has to drop (past its caps) is reported with the next chunks until the
 * worker has stored the report.
 */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(fn: (message: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
}

export interface RecorderLinkOptions {
  pageLoadId: string;
  site: string;
  url: () => string;
  /** Opens a new port; throws when the extension context is gone. */
  connect: () => PortLike;
  onSession: (settings: RecorderSettings) => void;
  onDenied: (reason: string) => void;
  /** The extension was reloaded or removed: nothing can be sent any more. */
  onInvalidated: () => void;
  onProblem: (message: string) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Unacknowledged chunks kept at most; past it the oldest are dropped, counted and reported. */
  maxUnacked?: number;
  /** Unacknowledged bytes (JSON length of the events) kept at most, likewise; the newest chunk is always kept. */
  maxUnackedBytes?: number;
  /** The worker asks for a screenshot's region report (lib/recorder/shot-regions). */
  onShotRequest?: (request: Omit<ShotRegionsRequest, 'kind'>) => void;
  /** Writes the stash entry, serialised (lib/schema/recorder-port.ts), to storage.local; fire and forget. */
  stash?: (key: string, value: string) => void;
}

export interface RecorderLinkStats {
  sent: number;
  acked: number;
  rejected: number;
  dropped: number;
  unacked: number;
  unackedBytes: number;
  /** High-water marks, to measure backpressure. */
  peakUnacked: number;
  peakUnackedBytes: number;
}

export interface RecorderLink {
  start(): void;
  send(events: RrwebEvent[]): void;
  /** Posts a screenshot message (region report, trigger) once the page has a session; never queued or resent. */
  /** A message outside the chunk stream: screenshots' and the indicator's (issue 19). */
  postShot(message: Extract<RecorderToWorkerMessage, { kind: 'shot-regions' | 'shot-trigger' | 'open-controls' }>): void;
  stop(): void;
  readonly stats: RecorderLinkStats;
}

export const DEFAULT_MAX_UNACKED = 500;
export const DEFAULT_MAX_UNACKED_BYTES = 16 * 1024 * 1024;
const RECONNECT_DELAYS_MS = [50, 200, 1000, 5000];

export function createRecorderLink(opts: RecorderLinkOptions): RecorderLink {
  const unacked = createUnackedWindow({
    maxChunks: opts.maxUnacked ?? DEFAULT_MAX_UNACKED,
    maxBytes: opts.maxUnackedBytes ?? DEFAULT_MAX_UNACKED_BYTES,
  });
  const stats = { sent: 0, acked: 0, rejected: 0 };
  let session: { sessionId: string; page: number; tabRunId?: string } | null = null;
  let port: PortLike | null = null;
  /** Seqs already posted on the current port. */
  let postedHere = new Set<number>();
  let stopped = false;
  let nextSeq = 0;
  let reconnectTimer: unknown = null;
  let failedConnects = 0;

  // A port can be dead before its onDisconnect has run here: posting then throws. It is dropped and
  // a reconnection (which posts everything unacknowledged again) follows, at once when sending.
  const post = (message: RecorderToWorkerMessage) => {
    if (!port) return;
    try {
      port.postMessage(message);
    } catch {
      port = null;
      scheduleReconnect();
    }
  };

  const postChunk = (held: HeldChunk) => {
    if (!port || postedHere.has(held.chunk.seq)) return;
    const dropped = unacked.carry(held);
    postedHere.add(held.chunk.seq);
    // The events cross the port as the JSON text they were measured by (lib/schema/recorder-port.ts).
    const chunk = { ...held.chunk, events: held.eventsJson };
    post(dropped.length ? { kind: 'chunk', chunk, dropped } : { kind: 'chunk', chunk });
  };
  const postAll = () => {
    for (const held of unacked.all()) postChunk(held);
  };

  const handle = (raw: unknown) => {
    const parsed = workerToRecorderSchema.safeParse(raw);
    if (!parsed.success) return opts.onProblem(`unexpected message from worker: ${parsed.error.message}`);
    const msg = parsed.data;
    switch (msg.kind) {
      case 'session': {
        const first = session === null;
        if (first) session = { sessionId: msg.sessionId, page: msg.page, ...(msg.tabRunId ? { tabRunId: msg.tabRunId } : {}) };
        else if (session!.sessionId !== msg.sessionId || session!.page !== msg.page) {
          opts.onProblem('worker assigned a different session after reconnecting');
        }
        if (first) opts.onSession(msg.settings);
        postAll();
        return;
      }
      case 'ack': {
        if (msg.key.page !== session?.page || msg.key.sessionId !== session.sessionId) return;
        if (!unacked.acknowledge(msg.key.seq)) return;
        // Only a stored chunk shows the link works: a worker that answers hello but fails every
        // chunk must meet a growing reconnect delay, not 20 resends a second.
        failedConnects = 0;
        stats.acked += 1;
        return;
      }
      case 'rejected':
        if (msg.key && msg.key.sessionId === session?.sessionId && msg.key.page === session.page && unacked.forget(msg.key.seq)) {
          stats.rejected += 1;
        }
        return opts.onProblem(`worker rejected a message: ${msg.reason}`);
      case 'denied':
        stop();
        return opts.onDenied(msg.reason);
      case 'shot-regions-request':
        return opts.onShotRequest?.(msg);
    }
  };

  const connect = () => {
    if (reconnectTimer !== null) opts.clearTimer(reconnectTimer);
    reconnectTimer = null;
    if (stopped || port) return;
    let p: PortLike;
    try {
      p = opts.connect();
    } catch {
      stop();
      return opts.onInvalidated();
    }
    port = p;
    postedHere = new Set();
    p.onMessage.addListener((m) => handle(m));
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = null;
      // Reconnect only when something still needs delivering (or we never got a session).
      if (!stopped && (unacked.size > 0 || unacked.drops.length > 0 || session === null)) scheduleReconnect();
    });
    post(
      session
        ? { kind: 'hello', pageLoadId: opts.pageLoadId, url: opts.url(), resumed: true }
        : { kind: 'hello', pageLoadId: opts.pageLoadId, url: opts.url() },
    );
    if (session) postAll();
  };

  const scheduleReconnect = () => {
    if (reconnectTimer !== null || stopped) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(failedConnects, RECONNECT_DELAYS_MS.length - 1)]!;
    failedConnects += 1;
    reconnectTimer = opts.setTimer(connect, delay);
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (reconnectTimer !== null) opts.clearTimer(reconnectTimer);
    const p = port;
    port = null;
    try {
      p?.disconnect();
    } catch {
      // Already gone.
    }
  };

  return {
    start: connect,
    send(events) {
      if (stopped || !session || events.length === 0) return;
      const chunk: Chunk = { ...session, seq: nextSeq++, site: opts.site, url: opts.url(), events };
      const held = unacked.add(chunk, JSON.stringify(events));
      stats.sent += 1;
      if (port) postChunk(held);
      if (!port) connect();
      if (isPageEndEvent(events[events.length - 1]!)) leaveStash(unacked, opts.pageLoadId, opts.stash);
    },
    postShot(message) {
      if (stopped || !session) return;
      if (!port) connect();
      post(message);
    },
    stop,
    get stats() {
      return { ...stats, ...unacked.counts, unacked: unacked.size, unackedBytes: unacked.bytes };
    },
  };
}
