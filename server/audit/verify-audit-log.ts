import { readFile, readdir } from 'node:fs/promises';
import { z } from 'zod';
import { auditPaths } from './audit-paths';
import { auditHeadSchema, parseEntry, type AuditHead } from './audit-log';
import { entryHash, GENESIS_HASH } from './entry-hash';
import { logLines } from './log-lines';

export const verifyProblemSchema = z.enum([
  /** The line is not an audit entry (not JSON, or not the entry's shape). */
  'unreadable',
  /** A last line with no newline: an append torn by a crash, not yet set aside. */
  'torn',
  /** Its seq is not the one after the entry before it: an entry was removed, or entries reordered. */
  'seq',
  /** Its `prev` is not the hash of the entry before it. */
  'prev',
  /** Its `hash` is not the hash of its content: it was edited. */
  'hash',
  /** head.json names an entry the log no longer has (entries removed from the end), or another hash. */
  'head',
]);

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  entries: z.int().nonnegative(),
  /** The newest entry as the log has it: keep it somewhere else to detect a rewrite of the whole log. */
  head: auditHeadSchema.nullable(),
  firstBad: z
    .object({
      /** The seq the bad line has, or the one that was expected there when it has none. */
      seq: z.int().nonnegative(),
      line: z.int().positive(),
      problem: verifyProblemSchema,
      message: z.string(),
    })
    .nullable(),
  /** Torn appends set aside (torn-*.jsonl in the audit dir): crashes, reported here, never chained over. */
  setAside: z.array(z.string()),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

/**
 * Walks the chain from the first entry: each must be readable, have the next
 * seq, name the previous entry's hash as `prev`, and hash to its `hash`; the
 * last must be at least the one head.json names (and `expect`, a head kept
 * outside the data dir, e.g. from an earlier report). Stops at the first bad
 * entry and names it by seq and line.
 */
export async function verifyAuditLog(dataDir: string, opts: { expect?: AuditHead } = {}): Promise<VerifyResult> {
  const paths = auditPaths(dataDir);
  const head = await readHead(paths.head);
  const setAside = ((await readdir(paths.dir).catch(() => [])) as string[]).filter(paths.isTornFile).sort();
  let expectedSeq = 0;
  let prev = GENESIS_HASH;
  let count = 0;
  let lastLine = 0;
  const heads = [head, opts.expect ?? null].filter((h): h is AuditHead => h !== null);
  const hashAt = new Map<number, string>();
  let firstBad: VerifyResult['firstBad'] = null;
  for await (const { line, text, terminated } of logLines(paths.log)) {
    lastLine = line;
    const fail = (problem: z.infer<typeof verifyProblemSchema>, message: string, seq = expectedSeq) =>
      (firstBad = { seq, line, problem, message });
    if (!terminated) {
      fail('torn', `line ${line} has no newline: an append torn by a crash (the next append sets it aside)`);
      break;
    }
    const entry = parseEntry(text);
    if (!entry) {
      fail('unreadable', `line ${line} is not an audit entry (seq ${expectedSeq} expected)`);
      break;
    }
    if (entry.seq !== expectedSeq) {
      fail(
        'seq',
        entry.seq > expectedSeq
          ? `line ${line} has seq ${entry.seq} where ${expectedSeq} was expected: entries ${expectedSeq}..${entry.seq - 1} are missing`
          : `line ${line} has seq ${entry.seq} after seq ${expectedSeq - 1}: entries are out of order`,
        entry.seq,
      );
      break;
    }
    if (entry.prev !== prev) {
      fail('prev', `seq ${entry.seq} (line ${line}) does not chain to the entry before it`, entry.seq);
      break;
    }
    if (entryHash(entry) !== entry.hash) {
      fail('hash', `seq ${entry.seq} (line ${line}) was changed after it was written: its content does not hash to its hash`, entry.seq);
      break;
    }
    if (heads.some((h) => h.seq === entry.seq)) hashAt.set(entry.seq, entry.hash);
    prev = entry.hash;
    expectedSeq++;
    count++;
  }
  for (const known of heads) {
    if (firstBad) break;
    const name = known === head ? 'head.json' : 'the expected head';
    if (known.seq >= expectedSeq)
      firstBad = {
        seq: expectedSeq,
        line: lastLine + 1,
        problem: 'head',
        message: `the log ends at seq ${expectedSeq - 1} but ${name} names seq ${known.seq}: entries ${expectedSeq}..${known.seq} were removed from the end`,
      };
    else if (hashAt.get(known.seq) !== known.hash)
      firstBad = {
        seq: known.seq,
        line: known.seq + 1,
        problem: 'head',
        message: `seq ${known.seq} has another hash than ${name} names: the log was rewritten from there`,
      };
  }
  const newest = count > 0 ? { seq: expectedSeq - 1, hash: prev } : null;
  return { ok: firstBad === null, entries: count, head: newest, firstBad, setAside };
}

async function readHead(path: string): Promise<AuditHead | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = auditHeadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
