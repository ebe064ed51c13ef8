import { deleteSessions, expireChunks, pruneReportedDrops, type QueueDb } from '../queue';
import { matchesAny } from '../rules/capture/match-pattern';
import type { Config } from '../schema/config';

const DAY_MS = 86_400_000;

/** Deletes the unsent recordings of sites the organisation blocks; returns how many sessions went. */
export async function discardBlockedSites(db: QueueDb, blockedSites: readonly string[]): Promise<number> {
  if (blockedSites.length === 0) return 0;
  return (await deleteSessions(db, (s) => matchesAny(`${s.site}/`, blockedSites))).sessions;
}

/**
 * What goes before every upload run: a chunk that slipped in while a site was being blocked must
 * still never leave; chunks past retention are deleted unsent; reported drops past retention are
 * forgotten (no resend can arrive any more).
 */
export async function sweepQueue(db: QueueDb, config: Config, now: number, log: (message: string) => void): Promise<void> {
  await discardBlockedSites(db, config.blockedSites);
  const cutoff = now - config.retentionDays * DAY_MS;
  const expired = await expireChunks(db, cutoff);
  if (expired) log(`deleted ${expired} chunks older than ${config.retentionDays} days without uploading them`);
  await pruneReportedDrops(db, cutoff);
}
