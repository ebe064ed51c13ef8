import { cutDeepChunk } from '../rrweb/cut-deep-nodes';
import { chunkKeySchema, chunkKeyString, type Chunk, type ChunkKey } from '../schema/chunk';
import type { SeqRange } from '../schema/dropped-chunks';
import { formatIssues } from '../schema/format-issues';
import { recorderToWorkerSchema, type RecorderToWorker, type WorkerToRecorder } from '../schema/recorder-port';

export type ShotMessage = Extract<RecorderToWorker, { kind: 'shot-regions' | 'shot-trigger' }>;
const isShotMessage = (msg: RecorderToWorker): msg is ShotMessage => msg.kind === 'shot-regions' || msg.kind === 'shot-trigger';
import type { CaptureDecision } from '../rules/capture/decide-capture';
import type { PageAssignment } from '../rules/session/assign-page';

/**
 * The worker's side of one recorder port. Every message is parsed; a chunk is
 * acknowledged only after the queue says it is durable, and only for the
 * session and page this port was given (a page cannot write into another
 * tab's session). Drop reports riding on a chunk are stored with it, even
 * when the chunk itself was stored before (a resend after a lost ack).
 */
export interface PortHandlerDeps {
  /** `opening`: a page asks to start recording (a new page load), not to store one more chunk. */
  decide: (url: string, opening: boolean) => Promise<CaptureDecision>;
  assign: (pageLoadId: string, url: string) => Promise<PageAssignment>;
  append: (chunk: Chunk, dropped: readonly SeqRange[]) => Promise<void>;
  /**
   * Whether local storage is past its hard limit, where even pages already recording stop.
   * Null: store the chunk. Otherwise the reason given to the recorder.
   */
  storageOver: () => Promise<string | null>;
  /** Records, durably, that the page's chunks from `key.seq` on are lost (storage full), with the recorder's own drops. */
  refuse: (key: ChunkKey, dropped: readonly SeqRange[]) => Promise<void>;
  /** Records, durably, that this one chunk could not be stored (IndexedDB refused it), with the recorder's own drops. */
  dropUnstorable: (key: ChunkKey, dropped: readonly SeqRange[]) => Promise<void>;
  /** Failed appends by chunk key, shared by every port: a recorder reconnects after each failure. */
  failures?: Map<string, number>;
  countInvalid: (reason: string) => void;
  /** A screenshot message (region report, action trigger), parsed; handled at once, not behind stored chunks. */
  onShot?: (msg: ShotMessage) => void;
  /** The page's recording indicator was clicked (issue 19). */
  onOpenControls?: () => void;
  log: (message: string, detail?: unknown) => void;
}

export interface PortEnd {
  reply: (msg: WorkerToRecorder) => void;
  /** Closes the port so the recorder reconnects and resends what was not acknowledged. */
  close: () => void;
}

/** Attempts to store one chunk before it counts as unstorable whatever the error said. */
export const MAX_APPEND_ATTEMPTS = 3;
/** Errors that say the value itself cannot be stored (too deep, not cloneable): retrying cannot help. */
const VALUE_ERRORS = new Set(['DataCloneError', 'RangeError', 'DataError', 'TypeError']);
const sharedFailures = new Map<string, number>();

export function createRecorderPortHandler(deps: PortHandlerDeps, { reply, close }: PortEnd) {
  const failures = deps.failures ?? sharedFailures;
  let assigned: PageAssignment | null = null;
  // After a denial the recorder stops; chunks it posted meanwhile are neither stored nor counted as invalid.
  let denied = false;
  // Messages are handled strictly in arrival order: a chunk never overtakes its hello.
  let tail: Promise<void> = Promise.resolve();

  const reject = (key: Extract<WorkerToRecorder, { kind: 'rejected' }>['key'], reason: string) => {
    deps.countInvalid(reason);
    reply({ kind: 'rejected', key, reason });
  };

  const handle = async (raw: unknown) => {
    const parsed = recorderToWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      const key = chunkKeySchema.safeParse((raw as { chunk?: unknown } | null)?.chunk);
      return reject(key.success ? key.data : null, `invalid message: ${formatIssues(parsed.error.issues, { root: '(root)' })}`);
    }
    const msg = parsed.data;
    if (isShotMessage(msg) || msg.kind === 'open-controls') return;
    if (msg.kind === 'hello') {
      // A page that was recording and only reconnects is not a new page load.
      const decision = await deps.decide(msg.url, msg.resumed !== true);
      if (!decision.allowed) return deny(decision.reason);
      denied = false;
      assigned = await deps.assign(msg.pageLoadId, msg.url);
      return reply({ kind: 'session', ...assigned, settings: decision.settings });
    }
    const { chunk } = msg;
    const key = { sessionId: chunk.sessionId, page: chunk.page, seq: chunk.seq };
    if (denied) return;
    if (!assigned) return reject(key, 'chunk before hello');
    if (chunk.sessionId !== assigned.sessionId || chunk.page !== assigned.page) {
      return reject(key, 'chunk for a session this page was not given');
    }
    const decision = await deps.decide(chunk.url, false);
    if (!decision.allowed) return deny(decision.reason);
    const dropped = msg.dropped ?? [];
    const full = await deps.storageOver();
    if (full !== null) {
      await deps.refuse(key, dropped);
      return deny(full);
    }
    // A page nested deeper than recordings keep is cut here too, for a recorder that did not (lib/rrweb/cut-deep-nodes.ts).
    // The tab run is the worker's to say: a page cannot move its chunks into another tab's row.
    const bounded = cutDeepChunk({ ...chunk, tabRunId: assigned.tabRunId }).chunk;
    try {
      await deps.append(bounded, dropped);
    } catch (err) {
      return appendFailed(key, dropped, err);
    }
    failures.delete(chunkKeyString(key));
    reply({ kind: 'ack', key });
  };

  /**
   * IndexedDB refused the chunk. A refusal of the value itself (or the same
   * chunk failing again and again) is a drop, recorded and reported, and the
   * recorder is told to let the chunk go: resending it would only fail again,
   * many times a second. Anything else closes the port, and the recorder
   * reconnects and resends (a database closed under us, a transient error).
   */
  const appendFailed = async (key: ChunkKey, dropped: readonly SeqRange[], err: unknown) => {
    const id = chunkKeyString(key);
    const attempts = (failures.get(id) ?? 0) + 1;
    const name = (err as { name?: unknown } | null)?.name;
    if (!VALUE_ERRORS.has(String(name)) && attempts < MAX_APPEND_ATTEMPTS) {
      if (failures.size > 1000) failures.clear();
      failures.set(id, attempts);
      throw err;
    }
    failures.delete(id);
    deps.log('a chunk could not be stored; dropped and reported', err);
    await deps.dropUnstorable(key, dropped);
    reject(key, `could not be stored: ${String(name ?? 'error')}: ${String((err as Error | null)?.message ?? err).slice(0, 300)}`);
  };

  const deny = (reason: string) => {
    denied = true;
    reply({ kind: 'denied', reason });
  };

  return {
    onMessage(raw: unknown) {
      // A region report answers a shot in progress: it must not wait behind chunks being stored.
      const kind = (raw as { kind?: unknown } | null)?.kind;
      if (kind === 'shot-regions' || kind === 'shot-trigger') {
        const parsed = recorderToWorkerSchema.safeParse(raw);
        if (!parsed.success) deps.countInvalid(`invalid shot message: ${formatIssues(parsed.error.issues, { root: '(root)' })}`);
        else if (!denied && assigned && isShotMessage(parsed.data)) deps.onShot?.(parsed.data);
        return tail;
      }
      if (kind === 'open-controls') {
        if (recorderToWorkerSchema.safeParse(raw).success && !denied && assigned) deps.onOpenControls?.();
        else deps.countInvalid('invalid open-controls message');
        return tail;
      }
      tail = tail
        .then(() => handle(raw))
        .catch((err) => {
          // Not acknowledged: closing makes the recorder reconnect and resend it.
          deps.log('recorder message failed', err);
          close();
        });
      return tail;
    },
  };
}
