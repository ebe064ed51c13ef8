import type { Chunk } from '../schema/chunk';
import { addSeqRange, subtractSeqRanges, type SeqRange } from '../schema/dropped-chunks';
import { isPageEndEvent } from '../schema/page-end';
import type { RrwebEvent } from '../schema/rrweb-event';
import {
  RECORDER_STASH_PREFIX,
  workerToRecorderSchema,
  type RecorderStash,
  type RecorderSettings,
  type RecorderToWorker,
} from '../schema/recorder-port';

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
  /** Writes the stash entry (storage.local in the extension); fire and forget. */
  stash?: (key: string, value: RecorderStash) => void;
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
  stop(): void;
  readonly stats: RecorderLinkStats;
}

export const DEFAULT_MAX_UNACKED = 500;
export const DEFAULT_MAX_UNACKED_BYTES = 16 * 1024 * 1024;
/** The stash holds at most this much, newest chunks first (they are the ones nothing else will deliver). */
const MAX_STASH_BYTES = 4 * 1024 * 1024;
const RECONNECT_DELAYS_MS = [50, 200, 1000, 5000];
const MAX_REPORTED_RANGES = 100;

interface Held {
  chunk: Chunk;
  bytes: number;
  /** Drop ranges carried the last time it was posted: its ack means the worker stored them. */
  carried: SeqRange[];
}

export function createRecorderLink(opts: RecorderLinkOptions): RecorderLink {
  const maxUnacked = opts.maxUnacked ?? DEFAULT_MAX_UNACKED;
  const maxUnackedBytes = opts.maxUnackedBytes ?? DEFAULT_MAX_UNACKED_BYTES;
  // Insertion order is seq order: the oldest is first.
  const unacked = new Map<number, Held>();
  let unackedBytes = 0;
  let pendingDrops: SeqRange[] = [];
  const stats = { sent: 0, acked: 0, rejected: 0, dropped: 0, peakUnacked: 0, peakUnackedBytes: 0 };
  let session: { sessionId: string; page: number } | null = null;
  let port: PortLike | null = null;
  /** Seqs already posted on the current port. */
  let postedHere = new Set<number>();
  let stopped = false;
  let nextSeq = 0;
  let reconnectTimer: unknown = null;
  let failedConnects = 0;

  // A port can be dead before its onDisconnect has run here: posting then throws. It is dropped and
  // a reconnection (which posts everything unacknowledged again) follows, at once when sending.
  const post = (message: RecorderToWorker) => {
    if (!port) return;
    try {
      port.postMessage(message);
    } catch {
      port = null;
      scheduleReconnect();
    }
  };

  const postChunk = (held: Held) => {
    if (!port || postedHere.has(held.chunk.seq)) return;
    held.carried = pendingDrops.slice();
    postedHere.add(held.chunk.seq);
    post(held.carried.length ? { kind: 'chunk', chunk: held.chunk, dropped: held.carried } : { kind: 'chunk', chunk: held.chunk });
  };
  const postAll = () => {
    for (const held of unacked.values()) postChunk(held);
  };

  const release = (seq: number): Held | undefined => {
    const held = unacked.get(seq);
    if (!held) return undefined;
    unacked.delete(seq);
    unackedBytes -= held.bytes;
    return held;
  };

  const handle = (raw: unknown) => {
    const parsed = workerToRecorderSchema.safeParse(raw);
    if (!parsed.success) return opts.onProblem(`unexpected message from worker: ${parsed.error.message}`);
    const msg = parsed.data;
    switch (msg.kind) {
      case 'session': {
        failedConnects = 0;
        const first = session === null;
        if (first) session = { sessionId: msg.sessionId, page: msg.page };
        else if (session!.sessionId !== msg.sessionId || session!.page !== msg.page) {
          opts.onProblem('worker assigned a different session after reconnecting');
        }
        if (first) opts.onSession(msg.settings);
        postAll();
        return;
      }
      case 'ack': {
        if (msg.key.page !== session?.page || msg.key.sessionId !== session.sessionId) return;
        const held = release(msg.key.seq);
        if (!held) return;
        stats.acked += 1;
        pendingDrops = subtractSeqRanges(pendingDrops, held.carried);
        return;
      }
      case 'rejected':
        if (msg.key && msg.key.sessionId === session?.sessionId && msg.key.page === session.page && release(msg.key.seq)) {
          stats.rejected += 1;
        }
        return opts.onProblem(`worker rejected a message: ${msg.reason}`);
      case 'denied':
        stop();
        return opts.onDenied(msg.reason);
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
      if (!stopped && (unacked.size > 0 || pendingDrops.length > 0 || session === null)) scheduleReconnect();
    });
    post(session ? { kind: 'hello', pageLoadId: opts.pageLoadId, url: opts.url(), resumed: true } : { kind: 'hello', pageLoadId: opts.pageLoadId, url: opts.url() });
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

  /** Past a cap the oldest chunks go (never the newest), each counted and remembered for the report. */
  const enforceCaps = () => {
    while (unacked.size > 1 && (unacked.size > maxUnacked || unackedBytes > maxUnackedBytes)) {
      const seq = unacked.keys().next().value!;
      release(seq);
      stats.dropped += 1;
      pendingDrops = addSeqRange(pendingDrops, seq);
    }
    // The port message carries at most MAX_REPORTED_RANGES: widen the oldest rather than forget any.
    while (pendingDrops.length > MAX_REPORTED_RANGES) {
      const [a, b, ...rest] = pendingDrops;
      pendingDrops = [{ fromSeq: a!.fromSeq, toSeq: b!.toSeq }, ...rest];
    }
  };

  const leaveStash = () => {
    if (!opts.stash || unacked.size === 0) return;
    const chunks: Chunk[] = [];
    let bytes = 0;
    for (const held of [...unacked.values()].reverse()) {
      if (chunks.length > 0 && bytes + held.bytes > MAX_STASH_BYTES) break;
      chunks.unshift(held.chunk);
      bytes += held.bytes;
    }
    try {
      opts.stash(`${RECORDER_STASH_PREFIX}${opts.pageLoadId}`, { chunks, dropped: pendingDrops });
    } catch {
      // The extension context is gone: nothing more can be done from here.
    }
  };

  return {
    start: connect,
    send(events) {
      if (stopped || !session || events.length === 0) return;
      const chunk: Chunk = { ...session, seq: nextSeq++, site: opts.site, url: opts.url(), events };
      const held: Held = { chunk, bytes: JSON.stringify(events).length, carried: [] };
      unacked.set(chunk.seq, held);
      unackedBytes += held.bytes;
      stats.sent += 1;
      enforceCaps();
      stats.peakUnacked = Math.max(stats.peakUnacked, unacked.size);
      stats.peakUnackedBytes = Math.max(stats.peakUnackedBytes, unackedBytes);
      if (port) postChunk(held);
      if (!port) connect();
      if (isPageEndEvent(events[events.length - 1]!)) leaveStash();
    },
    stop,
    get stats() {
      return { ...stats, unacked: unacked.size, unackedBytes };
    },
  };
}
