import type { Chunk } from '../schema/chunk';
import type { RrwebEvent } from '../schema/rrweb-event';
import {
  workerToRecorderSchema,
  type RecorderSettings,
  type RecorderToWorker,
} from '../schema/recorder-port';

/**
 * The recorder's side of the port to the service worker. It keeps every chunk
 * until the worker acknowledges it as durable, and after any disconnection
 * (the worker is stopped whenever MV3 pleases) reconnects, says hello again
 * with the same pageLoadId and resends what is still unacknowledged.
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
  /** Unacknowledged chunks kept at most; past it the oldest are dropped and counted. */
  maxUnacked?: number;
}

export interface RecorderLink {
  start(): void;
  send(events: RrwebEvent[]): void;
  stop(): void;
  readonly stats: { sent: number; acked: number; rejected: number; dropped: number; unacked: number };
}

const RECONNECT_DELAYS_MS = [50, 200, 1000, 5000];

export function createRecorderLink(opts: RecorderLinkOptions): RecorderLink {
  const unacked = new Map<string, Chunk>();
  const stats = { sent: 0, acked: 0, rejected: 0, dropped: 0 };
  let session: { sessionId: string; page: number } | null = null;
  let port: PortLike | null = null;
  let ready = false;
  let stopped = false;
  let nextSeq = 0;
  let reconnectTimer: unknown = null;
  let failedConnects = 0;

  const post = (message: RecorderToWorker) => port?.postMessage(message);
  const keyOf = (k: { page: number; seq: number }) => `${k.page}/${k.seq}`;

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
        ready = true;
        if (first) opts.onSession(msg.settings);
        for (const chunk of unacked.values()) post({ kind: 'chunk', chunk });
        return;
      }
      case 'ack':
        if (unacked.delete(keyOf(msg.key))) stats.acked += 1;
        return;
      case 'rejected':
        if (msg.key && unacked.delete(keyOf(msg.key))) stats.rejected += 1;
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
    ready = false;
    p.onMessage.addListener((m) => handle(m));
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = null;
      ready = false;
      // Reconnect only when something still needs delivering (or we never got a session).
      if (!stopped && (unacked.size > 0 || session === null)) scheduleReconnect();
    });
    post({ kind: 'hello', pageLoadId: opts.pageLoadId, url: opts.url() });
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
      unacked.set(keyOf(chunk), chunk);
      stats.sent += 1;
      const max = opts.maxUnacked ?? 500;
      while (unacked.size > max) {
        unacked.delete(unacked.keys().next().value!);
        stats.dropped += 1;
      }
      if (port && ready) post({ kind: 'chunk', chunk });
      else if (!port) connect();
    },
    stop,
    get stats() {
      return { ...stats, unacked: unacked.size };
    },
  };
}
