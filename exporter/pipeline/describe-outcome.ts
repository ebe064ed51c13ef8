import { SPLITS } from '../../lib/schema/dataset-primitives';
import type { ExportOutcome } from './run-export';

/** The export report on stderr: counts, quality, what was dropped and every bad input by name. */
export function describeOutcome(out: string, { manifest: m, alreadyComplete, problems }: ExportOutcome): string {
  const lines: string[] = [];
  if (alreadyComplete) lines.push(`webtrace-export: ${out} already holds this export (same settings and input); nothing to do.`);
  else lines.push(`webtrace-export: wrote ${out} (shard ${m.shard.index}/${m.shard.count}, ${m.files.length} files)`);
  for (const s of SPLITS)
    lines.push(`  ${s.padEnd(9)} ${m.counts[s].episodes} episodes, ${m.counts[s].steps} steps, ${m.counts[s].grounding} grounding`);
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  lines.push(
    `  targets located ${pct(m.quality.located_share)}, selector verified ${pct(m.quality.verified_share)} (of ${m.quality.steps_with_target} steps with a target)`,
  );
  const d = m.dropped;
  lines.push(
    `  dropped: ${d.privacy_steps} steps by the privacy gate, ${d.duplicate_episodes} duplicate episodes, ${d.split_conflicts} split conflicts; ${d.other_shards_episodes} episodes belong to other shards`,
  );
  for (const name of d.privacy_named) lines.push(`    privacy: ${name}`);
  lines.push(`  bad input: ${d.bad_sessions} sessions, ${d.bad_chunks} chunks, ${d.bad_actions} actions`);
  for (const p of problems) lines.push(`    ${p.what} ${p.name}: ${p.reason}`);
  return `${lines.join('\n')}\n`;
}
