import { join } from 'node:path';

/** Where a data dir keeps its audit log (the server and the exporter agree on these). */
export function auditPaths(dataDir: string) {
  const dir = join(dataDir, 'audit');
  return {
    dataDir,
    dir,
    log: join(dir, 'audit.jsonl'),
    /** The last entry's seq and hash: without it, removing the last entries would leave a valid chain. */
    head: join(dir, 'head.json'),
    lock: join(dir, 'audit.lock'),
    /** Bytes of an append a crash tore are moved here, never chained over. */
    tornFile: (at: number, offset: number) => join(dir, `torn-${at}-${offset}.jsonl`),
    isTornFile: (name: string) => /^torn-\d+-\d+\.jsonl$/.test(name),
  };
}
export type AuditPaths = ReturnType<typeof auditPaths>;
