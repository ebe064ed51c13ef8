import { mkdir, open, readdir } from 'node:fs/promises';
import { z } from 'zod';
import { auditEntrySchema, auditEventSchema, type AuditEntry, type AuditEvent, type AuditSink } from '../../lib/schema/audit-entry';
import { formatIssues } from '../../lib/schema/format-issues';
import { writeFileAtomic } from '../store/atomic-write';
import { auditPaths, type AuditPaths } from './audit-paths';
import { entryHash, GENESIS_HASH } from './entry-hash';
import { withFileLock, type LockOptions } from './file-lock';
import { readLogTail } from './log-tail';
import { logLines } from './log-lines';

/** Events written with one write and fsync at most (a line can be 2 MB: 10,000 ids). */
const MAX_GROUP = 64;

/** head.json: the newest entry, so a log cut short at its end is told from a whole one. */
export const auditHeadSchema = auditEntrySchema.pick({ seq: true, hash: true });
export type AuditHead = z.infer<typeof auditHeadSchema>;

export interface TornTail {
  /** The file the torn bytes were moved to. */
  file: string;
  bytes: number;
  /** Byte offset in the log where they were. */
  offset: number;
}

export interface AuditLogOptions {
  clock?: () => number;
  lock?: LockOptions;
  /** Told when an append finds (and sets aside) the torn end of a crashed append; the server logs it as an error. */
  onTorn?: (torn: TornTail) => void;
}

export interface AuditQuery {
  /** Entries at or after `from` and before `to` (epoch ms). */
  from?: number;
  to?: number;
  /** Entries after this seq (paging). */
  afterSeq?: number;
  limit: number;
}

/** The last complete line is not an entry: the log cannot be chained onto until someone looks at it. */
export class AuditLogCorruptError extends Error {
  override name = 'AuditLogCorruptError';
}

/**
 * The append-only, hash-chained audit log in `<data>/audit/audit.jsonl`
 * (entry shape: lib/schema/audit-entry.ts). Appends are serialised within the
 * process by a promise chain and across processes (server and exporter) by
 * `audit.lock`, taken with a bounded wait; under it the tail is re-read, so
 * an entry appended by the other process is chained onto. Each entry is
 * fsynced before append resolves, then head.json is updated.
 */
export class AuditLog {
  readonly paths: AuditPaths;
  readonly #clock: () => number;
  readonly #opts: AuditLogOptions;
  #pending: Array<{ event: AuditEvent; resolve: (entry: AuditEntry) => void; reject: (err: unknown) => void }> = [];
  #draining = false;

  private constructor(dataDir: string, opts: AuditLogOptions) {
    this.paths = auditPaths(dataDir);
    this.#clock = opts.clock ?? Date.now;
    this.#opts = opts;
  }

  static async open(dataDir: string, opts: AuditLogOptions = {}): Promise<AuditLog> {
    const log = new AuditLog(dataDir, opts);
    await mkdir(log.paths.dir, { recursive: true });
    return log;
  }

  /** The log only to read (entries, setAside): creates nothing in the data dir. */
  static forReading(dataDir: string): AuditLog {
    return new AuditLog(dataDir, {});
  }

  /** The log as an AuditSink, for routes and jobs. */
  readonly sink: AuditSink = async (event) => {
    await this.append(event);
  };

  append(event: AuditEvent): Promise<AuditEntry> {
    const checked = auditEventSchema.safeParse(event);
    if (!checked.success) return Promise.reject(new Error(`not an audit event: ${formatIssues(checked.error.issues)}`));
    return new Promise<AuditEntry>((resolve, reject) => {
      this.#pending.push({ event: checked.data, resolve, reject });
      if (this.#pending.length === 1 && !this.#draining) void this.#drain();
    });
  }

  /**
   * Appends what is pending in groups: one lock, one write and one fsync for
   * every event that arrived while the previous group was written.
   */
  async #drain(): Promise<void> {
    this.#draining = true;
    while (this.#pending.length) {
      const group = this.#pending.splice(0, MAX_GROUP);
      try {
        const entries = await withFileLock(this.paths.lock, this.#opts.lock ?? {}, () => this.#appendLocked(group.map((p) => p.event)));
        group.forEach((p, i) => p.resolve(entries[i]!));
      } catch (err) {
        for (const p of group) p.reject(err);
      }
    }
    this.#draining = false;
  }

  async #appendLocked(events: readonly AuditEvent[]): Promise<AuditEntry[]> {
    const handle = await open(this.paths.log, 'a+');
    try {
      const { size } = await handle.stat();
      let tail = await readLogTail(handle, size);
      if (tail.tornBytes > 0) {
        await this.#setAsideTorn(handle, tail.tornAt, tail.tornBytes);
        tail = await readLogTail(handle, tail.tornAt);
      }
      let last = tail.lastLine === null ? null : parseLast(tail.lastLine, tail.tornAt);
      const entries: AuditEntry[] = [];
      for (const event of events) {
        const draft = {
          seq: last ? last.seq + 1 : 0,
          at: this.#clock(),
          action: event.action,
          actor: event.actor,
          ids: event.ids,
          ...(event.counts ? { counts: event.counts } : {}),
          prev: last?.hash ?? GENESIS_HASH,
        };
        last = { ...draft, hash: entryHash(draft) };
        entries.push(last);
      }
      // 'a+' writes at the end whatever the position; one write and one fsync for the group.
      await handle.write(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      await handle.datasync();
      await writeFileAtomic(this.paths.head, `${JSON.stringify({ seq: last!.seq, hash: last!.hash } satisfies AuditHead)}\n`);
      return entries;
    } finally {
      await handle.close();
    }
  }

  /** A crash tore the last append (its caller never got an answer): its bytes move to a torn-*.jsonl file, then the log is cut back. */
  async #setAsideTorn(handle: Awaited<ReturnType<typeof open>>, offset: number, bytes: number): Promise<void> {
    const torn = Buffer.alloc(bytes);
    await handle.read(torn, 0, bytes, offset);
    const file = this.paths.tornFile(this.#clock(), offset);
    await writeFileAtomic(file, torn);
    await handle.truncate(offset);
    await handle.datasync();
    this.#opts.onTorn?.({ file, bytes, offset });
  }

  /** Entries in log order matching the query, and the seq to page on from (null at the end). */
  async entries(query: AuditQuery): Promise<{ entries: AuditEntry[]; next: number | null }> {
    const entries: AuditEntry[] = [];
    for await (const { text, terminated } of logLines(this.paths.log)) {
      if (!terminated) break;
      const entry = parseEntry(text);
      if (!entry) continue; // verify names unreadable lines; a reader skips them
      if (query.afterSeq !== undefined && entry.seq <= query.afterSeq) continue;
      if (query.from !== undefined && entry.at < query.from) continue;
      if (query.to !== undefined && entry.at >= query.to) continue;
      if (entries.length === query.limit) return { entries, next: entries.at(-1)!.seq };
      entries.push(entry);
    }
    return { entries, next: null };
  }

  /** Torn appends set aside so far (file names in the audit dir). */
  async setAside(): Promise<string[]> {
    const names = await readdir(this.paths.dir).catch(() => [] as string[]);
    return names.filter(this.paths.isTornFile).sort();
  }
}

export function parseEntry(text: string): AuditEntry | null {
  try {
    const parsed = auditEntrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function parseLast(text: string, end: number): AuditEntry {
  const entry = parseEntry(text);
  if (!entry)
    throw new AuditLogCorruptError(
      `the last line of the audit log (ending at byte ${end}) is not an audit entry; nothing can be chained onto it. Run \`npm run audit -- --verify\` and restore the log.`,
    );
  return entry;
}
