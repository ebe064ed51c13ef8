import { SPLITS, type Split } from '../../lib/schema/dataset-primitives';
import { MODALITIES, type Manifest } from '../../lib/schema/dataset-manifest';
import type { PartSummary } from '../../lib/schema/export-work';

/** The manifest's counts, quality and drops, added up over an export's parts (shares: null when nothing was rendered to check against). */
export function summarize(
  parts: readonly PartSummary[],
  badSessions: number,
  rendered: boolean,
): Pick<Manifest, 'splits' | 'counts' | 'quality' | 'modalities' | 'dropped' | 'installs'> {
  const counts = Object.fromEntries(SPLITS.map((s) => [s, { episodes: 0, steps: 0, grounding: 0 }])) as Manifest['counts'];
  const modalities = Object.fromEntries(SPLITS.map((s) => [s, new Set<string>()])) as Record<Split, Set<string>>;
  const quality = { steps_with_target: 0, located: 0, verified: 0 };
  const dropped: Manifest['dropped'] = {
    privacy_steps: 0,
    privacy_named: [],
    duplicate_episodes: 0,
    split_conflicts: 0,
    other_shards_episodes: 0,
    bad_sessions: badSessions,
    bad_chunks: 0,
    bad_actions: 0,
  };
  for (const p of parts) {
    for (const s of SPLITS) {
      counts[s].episodes += p.counts[s].episodes;
      counts[s].steps += p.counts[s].steps;
      counts[s].grounding += p.counts[s].grounding;
      for (const m of p.modalities[s]) modalities[s].add(m);
    }
    quality.steps_with_target += p.quality.steps_with_target;
    quality.located += p.quality.located;
    quality.verified += p.quality.verified;
    dropped.privacy_steps += p.dropped.privacy_steps;
    dropped.privacy_named.push(...p.dropped.privacy_named);
    dropped.duplicate_episodes += p.dropped.duplicate_episodes;
    dropped.split_conflicts += p.dropped.split_conflicts;
    dropped.other_shards_episodes += p.dropped.other_shards_episodes;
    dropped.bad_chunks += p.dropped.bad_chunks;
    dropped.bad_actions += p.dropped.bad_actions;
    for (const q of p.problems) if (q.what === 'session') dropped.bad_sessions += 1;
  }
  const share = (n: number) =>
    rendered && quality.steps_with_target ? Math.round((n / quality.steps_with_target) * 10_000) / 10_000 : null;
  return {
    splits: SPLITS.filter((s) => counts[s].steps > 0),
    counts,
    quality: { ...quality, located_share: share(quality.located), verified_share: share(quality.verified) },
    modalities: Object.fromEntries(SPLITS.map((s) => [s, MODALITIES.filter((m) => modalities[s].has(m))])) as Manifest['modalities'],
    dropped,
    installs: installTotals(parts.map((p) => p.installs)),
  };
}

/** Episodes and steps per pseudonym added up over parts (or shards), sorted by pseudonym. */
export function installTotals(maps: ReadonlyArray<Record<string, { episodes: number; steps: number }>>): Manifest['installs'] {
  const totals = new Map<string, { episodes: number; steps: number }>();
  for (const map of maps)
    for (const [pseudonym, c] of Object.entries(map)) {
      const t = totals.get(pseudonym) ?? { episodes: 0, steps: 0 };
      totals.set(pseudonym, { episodes: t.episodes + c.episodes, steps: t.steps + c.steps });
    }
  return [...totals.keys()].sort().map((pseudonym) => ({ pseudonym, ...totals.get(pseudonym)! }));
}
