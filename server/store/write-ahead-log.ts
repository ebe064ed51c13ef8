import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDir, fsyncDir, isTempFile } from './atomic-write';
import { frameRecord, parseSegment, Segment, SEGMENT_NAME } from './wal-segment';

/**
 * The fs store's write-ahead log with group commit. A batch is acknowledged
 * once its record is appended and fdatasync'ed here; records appended while
 * a sync is running go to disk together in the next one, so concurrent
 * uploads share fsyncs. The files a record describes (chunks, meta, drop
 * reports, receipt) are then written without fsync and listed on the
 * record's segment; when a segment is retired (rotated, every batch on it
 * applied, and `settleMs` old, so the kernel has mostly written them back)
 * those files are fsynced and the segment deleted. At start, segments still
 * present are replayed. Layout:
 *   wal/<16 hex digits>.wal   records: [u32 length][u32 crc32][payload]
 */
export interface WalOptions {
  /** Start a new segment past this size … */
  rotateBytes: number;
  /** … or when the current one is this old (and not empty). */
  rotateMs: number;
  /** A rotated segment is retired no sooner than this after rotation. */
  settleMs: number;
  now: () => number;
}

export const DEFAULT_WAL_OPTIONS: WalOptions = { rotateBytes: 64 * 1024 * 1024, rotateMs: 10_000, settleMs: 30_000, now: Date.now };

interface Waiter {
  frame: Buffer;
  resolve: (segment: Segment) => void;
  reject: (err: unknown) => void;
}

export class WriteAheadLog {
  #current: Segment | null = null;
  readonly #retiring: Segment[] = [];
  #queue: Waiter[] = [];
  #flushing: Promise<void> | null = null;
  #next: number;
  #timer: NodeJS.Timeout | null = null;
  /** Retirements run one at a time, in segment order: a caller told a segment is retired finds it gone. */
  #retirements: Promise<void> = Promise.resolve();
  /** While true, nothing is retired (the store has batches it could not apply yet). */
  hold = false;
  /** fdatasyncs so far (group commit makes this far fewer than records). */
  syncs = 0;

  private constructor(
    readonly dir: string,
    private readonly options: WalOptions,
    next: number,
  ) {
    this.#next = next;
  }

  /** Opens the log; `leftover` are the segments a previous run left (to replay, then `retire`). */
  static async open(
    root: string,
    options: Partial<WalOptions> = {},
  ): Promise<{ wal: WriteAheadLog; leftover: Array<{ segment: Segment; records: Buffer[]; torn: boolean }> }> {
    const dir = join(root, 'wal');
    await ensureDir(dir);
    const names = (await readdir(dir)).sort();
    const leftover = [];
    let next = 0;
    for (const name of names) {
      const path = join(dir, name);
      if (isTempFile(name)) await rm(path, { force: true });
      const match = SEGMENT_NAME.exec(name);
      if (!match) continue;
      next = Math.max(next, parseInt(match[1]!, 16) + 1);
      const { records, torn } = parseSegment(await readFile(path));
      leftover.push({ segment: new Segment(path, null, 0), records, torn });
    }
    const wal = new WriteAheadLog(dir, { ...DEFAULT_WAL_OPTIONS, ...options }, next);
    wal.#timer = setInterval(() => void wal.tick().catch(() => {}), 1000);
    wal.#timer.unref();
    return { wal, leftover };
  }

  /** Appends one record; resolves, with its segment, once it is durable. The caller must call `applied(segment)` after writing its files. */
  append(payload: Buffer): Promise<Segment> {
    const frame = frameRecord(payload);
    return new Promise((resolve, reject) => {
      this.#queue.push({ frame, resolve, reject });
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#flushing) return;
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = null;
      // Appended after the loop's last look at the queue (an append right after an acknowledgement).
      if (this.#queue.length > 0) this.#kick();
    });
  }

  applied(segment: Segment): void {
    segment.release(1);
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue;
      this.#queue = [];
      let segment: Segment;
      try {
        segment = await this.#writable(group.length);
      } catch (err) {
        for (const w of group) w.reject(err);
        continue;
      }
      const data = group.length === 1 ? group[0]!.frame : Buffer.concat(group.map((w) => w.frame));
      try {
        await segment.handle!.write(data, 0, data.length, segment.size);
        await segment.handle!.datasync();
        this.syncs += 1;
      } catch (err) {
        // Nothing of the group is acknowledged; a torn tail must not be replayed, nor followed by the next group.
        await segment.handle!.truncate(segment.size).catch(() => {});
        segment.release(group.length);
        for (const w of group) w.reject(err);
        continue;
      }
      segment.size += data.length;
      for (const w of group) w.resolve(segment);
    }
  }

  /**
   * The segment the next `records` go to, counted as applying on it at once (in the same tick as it is
   * chosen): a segment rotated meanwhile (retireNow) is then not retired under the write.
   */
  async #writable(records: number): Promise<Segment> {
    const current = this.#current;
    if (current && current.size < this.options.rotateBytes) {
      current.applying += records;
      return current;
    }
    if (current) this.#rotate();
    const path = join(this.dir, `${this.#next.toString(16).padStart(16, '0')}.wal`);
    this.#next += 1;
    const handle = await open(path, 'wx');
    try {
      await fsyncDir(this.dir);
    } catch (err) {
      await handle.close();
      await rm(path, { force: true });
      throw err;
    }
    this.#current = new Segment(path, handle, this.options.now());
    this.#current.applying += records;
    return this.#current;
  }

  #rotate(): void {
    if (!this.#current) return;
    this.#current.rotatedAt = this.options.now();
    this.#retiring.push(this.#current);
    this.#current = null;
  }

  /** Rotates an old current segment and retires the settled ones (run every second). */
  async tick(force = false): Promise<void> {
    const now = this.options.now();
    const current = this.#current;
    if (current && current.size > 0 && (force || now - current.createdAt >= this.options.rotateMs) && !this.#flushing) this.#rotate();
    if (this.hold) return;
    await this.#serially(async () => {
      for (const segment of [...this.#retiring]) {
        // In order: an erase record must not go before the batches it erases (a replay would bring them back).
        if (segment.applying > 0 || (!force && now - segment.rotatedAt! < this.options.settleMs)) break;
        this.#retiring.splice(this.#retiring.indexOf(segment), 1);
        await this.retire(segment);
      }
    });
  }

  /**
   * Rotates the current segment and retires it and every older one as soon
   * as their records are applied, without waiting for them to settle: when
   * this resolves, nothing logged before the call is in the log any more,
   * only in the files the records describe (the store's erasure, so the
   * erased sessions' bytes do not outlive it in the log). Records appended
   * meanwhile go to a new segment. Not while `hold` is set (batches wait to
   * be applied): returns false then.
   */
  async retireNow(): Promise<boolean> {
    if (this.hold) return false;
    if (this.#current) this.#rotate();
    const targets = [...this.#retiring];
    for (const segment of targets) await segment.drained();
    await this.#serially(async () => {
      for (const segment of targets) {
        const at = this.#retiring.indexOf(segment);
        if (at < 0) continue; // retired by a tick meanwhile
        this.#retiring.splice(at, 1);
        await this.retire(segment);
      }
    });
    return true;
  }

  #serially(run: () => Promise<void>): Promise<void> {
    const next = this.#retirements.then(run);
    this.#retirements = next.catch(() => {});
    return next;
  }

  /** Makes a segment's files durable, then deletes it. */
  async retire(segment: Segment): Promise<void> {
    await segment.sync.flush();
    await segment.handle?.close();
    await rm(segment.path, { force: true });
    await fsyncDir(this.dir);
  }

  /** Segments not retired yet (tests, stats). */
  get segments(): number {
    return this.#retiring.length + (this.#current ? 1 : 0);
  }

  /** Waits for appends in flight, then retires everything (every batch on it must be applied). */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    while (this.#flushing) await this.#flushing;
    await this.tick(true);
  }
}
