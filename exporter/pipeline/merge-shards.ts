import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SPLITS } from '../../lib/schema/dataset-primitives';
import { MODALITIES, type Manifest } from '../../lib/schema/dataset-manifest';
import { datasetCard } from '../output/dataset-card';
import { datasetFiles, fileDigests } from '../output/file-digests';
import { CARD, MANAGED, MANIFEST, shardName } from '../output/layout';
import { readManifest, writeAtomic } from '../output/work-state';
import { finalSearch } from '../privacy/final-search';
import { exportIdOf } from '../plan/install-pseudonym';
import { PrivacyFailure } from './run-export';
import { installTotals } from './summarize';

/** A shard set that cannot be merged (named: which folder, what differs). */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** `{split}-0000k-of-0000n.ext` under steps/, episodes/, grounding/, jsonl/{table}/ and views/{view}/. */
const SHARD_FILE = /^((?:steps|episodes|grounding|jsonl\/\w+|views\/\w+)\/)(train|test_task|test_site)-(\d{5})-of-(\d{5})(\.\w+)$/;
/** Settings every shard of one export shares (all of the manifest's settings but the shard itself). */
const SHARED = [
  'format',
  'schema_version',
  'generator',
  'filters',
  'split_seed',
  'split_shares',
  'idle_gap_ms',
  'rendered',
  'capture_max_gap_ms',
  'image_format',
  'top_k',
  'formats',
  'coordinates',
  'fields',
] as const;

/**
 * `webtrace-export merge --out DIR SHARD...`: the finished shards of one
 * export (`--shard 1/n` .. `n/n`, each on its own machine) as one dataset.
 * Shard files are renumbered `{split}-0000k-of-0000n` across shards in shard
 * order; screenshots/ and dom/ (per episode, so disjoint) are linked or
 * copied; counts and quality are added up, and the card, the privacy search
 * and the digests are done again over the whole. Every shard must be
 * finished (a valid manifest) and of the same export, and all n must be there.
 */
export async function mergeShards(outDir: string, shardDirs: readonly string[]): Promise<Manifest> {
  const out = resolve(outDir);
  const shards: Array<{ dir: string; manifest: Manifest }> = [];
  for (const dir of shardDirs.map((d) => resolve(d))) {
    if (dir === out) throw new MergeError(`${dir}: the output folder cannot be one of the shards`);
    const manifest = await readManifest(dir);
    if (!manifest) throw new MergeError(`${dir}: no valid manifest.json (not a finished export)`);
    shards.push({ dir, manifest });
  }
  if (shards.length === 0) throw new MergeError('no shard folders given');
  shards.sort((a, b) => a.manifest.shard.index - b.manifest.shard.index);
  const first = shards[0]!.manifest;
  for (const { dir, manifest } of shards) {
    for (const key of SHARED) {
      if (JSON.stringify(manifest[key]) !== JSON.stringify(first[key]))
        throw new MergeError(`${dir}: its ${key} differs from ${shards[0]!.dir}'s: not shards of one export`);
    }
    if (manifest.shard.count !== first.shard.count)
      throw new MergeError(`${dir}: shard of ${manifest.shard.count}, the others of ${first.shard.count}`);
  }
  const indexes = shards.map((s) => s.manifest.shard.index);
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !indexes.includes(i));
  const twice = indexes.filter((i, k) => indexes.indexOf(i) !== k);
  if (twice.length) throw new MergeError(`shard ${twice[0]}/${first.shard.count} given twice`);
  if (missing.length)
    throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${first.shard.count}`).join(', ')} missing`);

  for (const entry of MANAGED) await rm(join(out, entry), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  // Shard files per series (folder + split + extension), in shard order, then renumbered over the series.
  const series = new Map<string, Array<{ from: string; dir: string; prefix: string; split: string; ext: string }>>();
  for (const { dir } of shards) {
    for (const file of await datasetFiles(dir)) {
      if (file === CARD) continue;
      const m = SHARD_FILE.exec(file);
      if (!m) {
        await place(join(dir, file), join(out, file));
        continue;
      }
      const key = `${m[1]}${m[2]}${m[5]}`;
      const list = series.get(key) ?? [];
      list.push({ from: file, dir, prefix: m[1]!, split: m[2]!, ext: m[5]! });
      series.set(key, list);
    }
  }
  for (const list of series.values()) {
    for (const [k, f] of list.entries())
      await place(join(f.dir, f.from), join(out, `${f.prefix}${shardName(f.split as (typeof SPLITS)[number], k, list.length)}${f.ext}`));
  }

  const runKey = mergedKey(shards.map((s) => s.manifest));
  const manifest: Manifest = {
    ...first,
    // The shards' lineages are on the server under their ids; a rebuild rebuilds each shard and merges again.
    export_id: exportIdOf(runKey),
    rebuild_of: null,
    merged_from: shards.map((s) => s.manifest.export_id),
    run_key: runKey,
    shard: { index: 1, count: 1 },
    ...added(shards.map((s) => s.manifest)),
    files: [],
  };
  await writeFile(join(out, CARD), datasetCard(manifest, await datasetFiles(out)));
  const hits = await finalSearch(out);
  if (hits.length) {
    for (const entry of MANAGED) await rm(join(out, entry), { recursive: true, force: true });
    throw new PrivacyFailure(hits);
  }
  const done: Manifest = { ...manifest, files: await fileDigests(out) };
  await writeAtomic(join(out, MANIFEST), `${JSON.stringify(done, null, 2)}\n`);
  return done;
}

async function place(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await link(source, target).catch(() => copyFile(source, target));
}

/** The shards' run keys together: the merge of the same shards has the same key. */
function mergedKey(manifests: readonly Manifest[]): string {
  return createHash('sha256')
    .update(manifests.map((m) => m.run_key).join('\n'))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Counts, quality and drops over the shards. Every shard reads every session
 * (to know which episodes are its own), so bad input is counted once (the
 * largest count), and an episode another shard holds is not dropped from the whole.
 */
function added(manifests: readonly Manifest[]): Pick<Manifest, 'splits' | 'counts' | 'quality' | 'modalities' | 'dropped' | 'installs'> {
  const sum = (f: (m: Manifest) => number) => manifests.reduce((n, m) => n + f(m), 0);
  const max = (f: (m: Manifest) => number) => Math.max(...manifests.map(f));
  const counts = Object.fromEntries(
    SPLITS.map((s) => [
      s,
      { episodes: sum((m) => m.counts[s].episodes), steps: sum((m) => m.counts[s].steps), grounding: sum((m) => m.counts[s].grounding) },
    ]),
  ) as Manifest['counts'];
  const withTarget = sum((m) => m.quality.steps_with_target);
  const located = sum((m) => m.quality.located);
  const verified = sum((m) => m.quality.verified);
  const rendered = manifests[0]!.rendered;
  const share = (n: number) => (rendered && withTarget ? Math.round((n / withTarget) * 10_000) / 10_000 : null);
  return {
    installs: installTotals(
      manifests.map((m) => Object.fromEntries(m.installs.map(({ pseudonym, episodes, steps }) => [pseudonym, { episodes, steps }]))),
    ),
    splits: SPLITS.filter((s) => counts[s].steps > 0),
    counts,
    quality: { steps_with_target: withTarget, located, verified, located_share: share(located), verified_share: share(verified) },
    modalities: Object.fromEntries(
      SPLITS.map((s) => [s, MODALITIES.filter((mod) => manifests.some((m) => m.modalities[s].includes(mod)))]),
    ) as Manifest['modalities'],
    dropped: {
      privacy_steps: sum((m) => m.dropped.privacy_steps),
      privacy_named: manifests.flatMap((m) => m.dropped.privacy_named),
      duplicate_episodes: sum((m) => m.dropped.duplicate_episodes),
      split_conflicts: sum((m) => m.dropped.split_conflicts),
      other_shards_episodes: 0,
      bad_sessions: max((m) => m.dropped.bad_sessions),
      bad_chunks: max((m) => m.dropped.bad_chunks),
      bad_actions: max((m) => m.dropped.bad_actions),
    },
  };
}
