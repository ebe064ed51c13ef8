import type { Split } from '../../lib/schema/dataset-primitives';
import { cutEpisodes, type EpisodeCut } from '../episodes/cut-episodes';
import { episodeFingerprint, shardOf } from '../episodes/fingerprint';
import { loadSession, type SessionData } from '../episodes/load-session';
import type { SplitPlan } from '../plan/assign-splits';
import type { KeyedHash } from '../plan/keyed-hash';
import { stepCaptures } from '../shots/step-captures';
import type { StepCapture } from '../steps/step-observation';
import { stepMoments, type StepMoment } from '../steps/step-timeline';
import type { SessionInfo, StoreReader } from '../store/store-reader';

export interface PlannedEpisode {
  cut: EpisodeCut;
  episodeId: string;
  split: Split;
  fingerprint: string;
  moments: StepMoment[];
  /** Each step's captured shot, when one is in its window (issue 15); null: the replay renders it. */
  captures: Array<StepCapture | null>;
}

export interface PlannedSession {
  info: SessionInfo;
  /** Position in the export's session order. */
  order: number;
  data: SessionData;
  episodes: PlannedEpisode[];
  /** Actions read (for progress), whether they became steps or not. */
  actions: number;
  dropped: { duplicates: number; splitConflicts: number; otherShards: number };
}

export interface PlanContext {
  reader: StoreReader;
  hash: KeyedHash;
  splits: SplitPlan;
  /** 0-based shard and count. */
  shard: { index: number; count: number };
  idleGapMs: number;
  /** Fingerprints of the episodes kept so far, in session order. */
  seen: Set<string>;
}

/**
 * Reads one session and decides which of its episodes this export keeps:
 * cut at idle gaps and site changes, assigned a split, collapsed when an
 * episode with the same fingerprint came before, and kept only in its shard.
 * Runs in session order (duplicates are decided first come, first kept).
 */
export async function planSession(ctx: PlanContext, info: SessionInfo, order: number): Promise<PlannedSession> {
  const data = await loadSession(ctx.reader, info.id);
  const moments = stepMoments(data.events, data.actions);
  const dropped = { duplicates: 0, splitConflicts: 0, otherShards: 0 };
  const episodes: PlannedEpisode[] = [];
  let offset = 0;
  for (const cut of cutEpisodes(data.actions, ctx.idleGapMs)) {
    const cutMoments = moments.slice(offset, offset + cut.actions.length);
    offset += cut.actions.length;
    const fingerprint = episodeFingerprint(cut);
    if (shardOf(fingerprint, ctx.shard.count) !== ctx.shard.index) {
      dropped.otherShards += 1;
      continue;
    }
    if (ctx.seen.has(fingerprint)) {
      dropped.duplicates += 1;
      continue;
    }
    const split = ctx.splits.splitOf(info.installId, cut.site);
    if (split === null) {
      dropped.splitConflicts += 1;
      continue;
    }
    ctx.seen.add(fingerprint);
    const episodeId = `ep_${ctx.hash.hex('episode', [info.id, String(cut.index)], true).slice(0, 16)}`;
    episodes.push({ cut, episodeId, split, fingerprint, moments: cutMoments, captures: [] });
  }
  if (episodes.length) {
    const { shots, problems } = await ctx.reader.listShots(info.id);
    data.problems.push(...problems);
    for (const ep of episodes)
      ep.captures = await stepCaptures(ep.cut.actions, ep.moments, { shots, reader: ctx.reader, problems: data.problems });
  }
  return { info, order, data, episodes, actions: data.actions.length, dropped };
}
