import { chunkKeySchema, type Chunk, type ChunkKey } from '../schema/chunk';
import type { SeqRange } from '../schema/dropped-chunks';
import {
  recorderToWorkerSchema,
  type WorkerToRecorder,
} from '../schema/recorder-port';
import type { CaptureDecision } from '../capture/decide-capture';
import type { PageAssignment } from '../session/assign-page';

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
  countInvalid: (reason: string) => void;
  log: (message: string, detail?: unknown) => void;
}

export interface PortEnd {
  reply: (msg: WorkerToRecorder) => void;
  /** Closes the port so the recorder reconnects and resends what was not acknowledged. */
  close: () => void;
}

export function createRecorderPortHandler(deps: PortHandlerDeps, { reply, close }: PortEnd) {
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
      return reject(key.success ? key.data : null, `invalid message: ${summarize(parsed.error.issues)}`);
    }
    const msg = parsed.data;
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
    await deps.append(chunk, dropped);
    reply({ kind: 'ack', key });
  };

  const deny = (reason: string) => {
    denied = true;
    reply({ kind: 'denied', reason });
  };

  return {
    onMessage(raw: unknown) {
      tail = tail.then(() => handle(raw)).catch((err) => {
        // Not acknowledged: closing makes the recorder reconnect and resend it.
        deps.log('recorder message failed', err);
        close();
      });
      return tail;
    },
  };
}

function summarize(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
