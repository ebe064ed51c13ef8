import { deleteErasedChunks, deleteUploadedChunks } from '../queue/delete-chunks';
import type { ChunkStoreKey } from '../queue/open-queue-db';
import type { QueuedChunk } from '../queue/records';
import { setAsideBatch } from '../queue/set-aside';
import type { DroppedChunks } from '../schema/dropped-chunks';
import type { ShotDropReport } from '../schema/shot-drops';
import { markShotDropsReported } from '../queue/shot-drops';
import { isServerFailure, type SendOutcome } from './classify-response';
import { sendRecords } from './send-records';
import type { UploadDeps, UploadRunReport } from './upload-run';

export type Stop = Extract<SendOutcome, { kind: 'rateLimited' | 'unauthorized' | 'retryable' }>;
export type DropReport = { key: ChunkStoreKey; report: DroppedChunks };

/** What one delivery learns on the way; `suspects` set: isolating a chunk the server keeps failing on. */
export interface DeliveryContext {
  /** A batch was acknowledged: the server works. */
  healthy: boolean;
  /** Single chunks the server failed on (5xx) while isolating; undefined in a normal delivery. */
  suspects?: QueuedChunk[];
  lastFailure?: Extract<SendOutcome, { kind: 'retryable' }>;
}

/**
 * Sends records as one batch; on 413 or a refusal for good (400/422, 403 for
 * another install's session) sends each half instead, down to single chunks,
 * which are then set aside, so one bad or huge chunk does not hold back the
 * rest. While isolating (ctx.suspects), a server failure is split the same way
 * and the single chunks it ends on become suspects. Halves go without drop
 * reports: they wait for the next batch rather than risk being the reason good
 * chunks are set aside. Chunks leave the queue only on a checked receipt.
 * Returns the outcome that should end the run, or null to carry on.
 */
export async function deliver(
  deps: UploadDeps,
  records: readonly QueuedChunk[],
  report: UploadRunReport,
  ctx: DeliveryContext,
  drops: readonly DropReport[] = [],
  shotDrops: readonly ShotDropReport[] = [],
): Promise<Stop | null> {
  const outcome = await sendRecords(
    deps,
    records,
    report,
    drops.map((d) => d.report),
    shotDrops,
  );
  const halves = async () => {
    const mid = Math.ceil(records.length / 2);
    return (await deliver(deps, records.slice(0, mid), report, ctx)) ?? (await deliver(deps, records.slice(mid), report, ctx));
  };
  switch (outcome.kind) {
    case 'ok': {
      const { deleted } = await deleteUploadedChunks(
        deps.db,
        records,
        deps.now(),
        drops.map((d) => d.key),
      );
      report.batchesUploaded += 1;
      report.chunksUploaded += deleted;
      report.dropsReported += drops.length;
      // Running totals: marked after the chunks' transaction (a resend of a total is harmless).
      await markShotDropsReported(deps.db, shotDrops);
      ctx.healthy = true;
      return null;
    }
    case 'erased': {
      // The server's validated answer that it erased this install: the batch goes here too.
      await deleteErasedChunks(
        deps.db,
        records,
        outcome.erasedAt ?? deps.now(),
        drops.map((d) => d.key),
      );
      return null;
    }
    case 'tooLarge':
    case 'invalid': {
      if (records.length > 1) return halves();
      const reason =
        outcome.kind === 'invalid' ? outcome.message : (outcome.message ?? 'chunk is too large for the server even on its own');
      const id = await setAsideBatch(deps.db, { reason, status: outcome.status, records, at: deps.now() });
      if (id !== null) report.chunksSetAside += 1;
      return null;
    }
    default:
      if (!ctx.suspects || outcome.kind !== 'retryable' || !isServerFailure(outcome)) return outcome;
      ctx.lastFailure = outcome;
      if (records.length > 1) return halves();
      ctx.suspects.push(records[0]!);
      return null;
  }
}
