import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { COORDINATES, DATASET_FORMAT, DATASET_SCHEMA_VERSION, type Manifest } from '../../lib/schema/dataset-manifest';
import type { PartSummary } from '../../lib/schema/export-work';
import { UsageError, type Flags } from '../cli/flags';
import { startProgress } from '../cli/progress';
import { datasetCard } from '../output/dataset-card';
import { fieldDocs } from '../output/field-docs';
import { fileDigests } from '../output/file-digests';
import { finalizeFiles } from '../output/finalize-files';
import { CARD, MANAGED, MANIFEST, partDir, workDir } from '../output/layout';
import { markPartDone, prepareOutput, readManifest, writeAtomic } from '../output/work-state';
import { SplitPlan } from '../plan/assign-splits';
import { KeyedHash } from '../plan/keyed-hash';
import { exportIdOf, installPseudonym, saltCheck } from '../plan/install-pseudonym';
import { loadSalt } from '../plan/salt';
import { finalSearch } from '../privacy/final-search';
import { WorkerPool } from '../render/worker-pool';
import { CAPTURE_MAX_GAP_MS } from '../shots/choose-shot';
import { StoreReader, type InputProblem } from '../store/store-reader';
import { PartWriter } from '../write/part-writer';
import { buildSession, type BuiltSession } from './build-session';
import { planSession, type PlanContext } from './plan-session';
import { recordExport } from './record-export';
import { recordLineage } from './record-lineage';
import { rebuildFlags } from './rebuild-flags';
import type { AuditLogOptions } from '../../server/audit/audit-log';
import { summarize } from './summarize';

export const GENERATOR = 'webtrace-export 0.1.0';
/** A part closes after the session that takes it past either (parts are what a resumed run skips). */
export const PART_STEPS = 2000;
export const PART_BYTES = 256 * 1024 * 1024;

/** Raised when a never-captured value (a card number, a secret) is found: the export fails, leaving nothing. */
export class PrivacyFailure extends Error {
  override name = 'PrivacyFailure';
  constructor(readonly hits: string[]) {
    super(`never-captured values found, export stopped and removed:\n  ${hits.join('\n  ')}`);
  }
}

export interface ExportOutcome {
  manifest: Manifest;
  /** The run had nothing to do: the same export was already complete. */
  alreadyComplete: boolean;
  /** Bad input, named (for the operator; never written into the dataset). */
  problems: InputProblem[];
}

export interface ExportIo {
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** For tests: smaller parts and Parquet files, and a hook after each part is marked done (to interrupt a run there). */
  tuning?: { partSteps?: number; parquetBytes?: number; afterPart?: (index: number) => void; onSession?: (order: number) => void };
  /** The audit log's clock and lock wait (tests). */
  audit?: AuditLogOptions;
}

export async function runExport(given: Flags, io: ExportIo): Promise<ExportOutcome> {
  const out = resolve(given.out);
  const dataDir = resolve(given.data);
  const reader = new StoreReader(dataDir);
  const { flags, record: rebuilt } = await rebuildFlags(given, reader);
  const salt = await loadSalt({ dataDir, saltFile: flags['salt-file'] ?? null, env: io.env });
  const hash = new KeyedHash(flags['split-seed'], salt);
  if (rebuilt && rebuilt.saltCheck !== saltCheck(hash))
    throw new UsageError(
      `--rebuild-of ${rebuilt.exportId}: this salt is not the one that export was made with (give the same --salt-file or WEBTRACE_EXPORT_SALT)`,
    );
  const filters = { sites: flags.site, from: flags.from ?? null, to: flags.to ?? null };
  const listed = await reader.listSessions(filters);
  const sessions = listed.sessions;
  const shares = { testSite: flags['test-site-share'], testTask: flags['test-task-share'] };
  const splits = SplitPlan.build(sessions, hash, shares);
  const rendered = !flags['no-render'];
  const [shardIndex, shardCount] = flags.shard;
  const settings = {
    filters,
    split_seed: flags['split-seed'],
    split_shares: { test_site: shares.testSite, test_task: shares.testTask },
    idle_gap_ms: flags['idle-gap-minutes'] * 60_000,
    rendered,
    capture_max_gap_ms: CAPTURE_MAX_GAP_MS,
    image_format: flags['image-format'],
    top_k: flags['top-k'],
    formats: [...flags.formats].sort(),
    shard: { index: shardIndex, count: shardCount },
  };
  const runKey = hash
    .hex(
      'run',
      [
        DATASET_SCHEMA_VERSION,
        JSON.stringify(settings),
        rebuilt?.exportId ?? '',
        ...sessions.map((s) => `${s.id}:${s.chunks}:${s.bytes}:${s.shots}`),
      ],
      true,
    )
    .slice(0, 32);

  const finished = await readManifest(out);
  if (finished?.run_key === runKey) return { manifest: finished, alreadyComplete: true, problems: listed.problems };

  const parts = await prepareOutput(out, runKey);
  const ctx: PlanContext = {
    reader,
    hash,
    splits,
    shard: { index: shardIndex - 1, count: shardCount },
    idleGapMs: settings.idle_gap_ms,
    seen: new Set(parts.flatMap((p) => p.fingerprints)),
  };
  const start = parts.at(-1)?.sessionsTo ?? 0;
  const total = sessions.reduce((n, s) => n + s.actions, 0);
  const progress = startProgress(
    io.stderr,
    total,
    sessions.slice(0, start).reduce((n, s) => n + s.actions, 0),
    flags.quiet,
  );
  const pool = rendered ? await WorkerPool.open(flags.workers, flags['image-format']) : null;
  const opts = { topK: flags['top-k'], imageFormat: flags['image-format'] };
  const newPart = (sessionsFrom: number) =>
    new PartWriter(out, partDir(out, parts.length), parts.length, sessionsFrom, flags.formats, io.tuning?.parquetBytes);
  let part = newPart(start);
  const closePart = async (sessionsTo: number) => {
    part.summary.sessionsTo = sessionsTo;
    const summary = part.close();
    await markPartDone(out, summary);
    parts.push(summary);
    io.tuning?.afterPart?.(summary.index);
    part = newPart(sessionsTo);
  };
  const stepsBySession = new Map<string, number>();
  const write = async (built: BuiltSession) => {
    if (built.fatal.length) throw new PrivacyFailure(built.fatal);
    const steps = built.episodes.reduce((n, e) => n + e.steps.length, 0);
    if (steps > 0) stepsBySession.set(built.planned.info.id, steps);
    const d = part.summary.dropped;
    d.duplicate_episodes += built.planned.dropped.duplicates;
    d.split_conflicts += built.planned.dropped.splitConflicts;
    d.other_shards_episodes += built.planned.dropped.otherShards;
    d.privacy_steps += built.privacySteps;
    d.privacy_named.push(...built.privacyDropped);
    part.addProblems(built.planned.data.problems);
    const pseudonym = installPseudonym(hash, built.planned.info.installId);
    for (const episode of built.episodes) {
      part.addEpisode(episode);
      part.countInstall(pseudonym, episode.steps.length);
    }
    progress.advance(built.planned.actions);
    if (part.steps >= (io.tuning?.partSteps ?? PART_STEPS) || part.bytes >= PART_BYTES) await closePart(built.planned.order + 1);
  };

  const inflight: Array<Promise<BuiltSession>> = [];
  const lookahead = pool ? flags.workers : 0;
  try {
    for (let i = start; i < sessions.length; i++) {
      io.tuning?.onSession?.(i);
      const planned = await planSession(ctx, sessions[i]!, i);
      const built = (pool ? pool.use((w) => buildSession(planned, w, opts)) : buildSession(planned, null, opts)).catch((err: unknown) =>
        unrenderable(planned, err),
      );
      built.catch(() => undefined); // awaited in order below; this only keeps it from counting as unhandled
      inflight.push(built);
      while (inflight.length > lookahead) await write(await inflight.shift()!);
    }
    while (inflight.length) await write(await inflight.shift()!);
    if (part.steps > 0 || part.summary.problems.length > 0 || parts.length === 0 || part.summary.sessionsFrom < sessions.length)
      await closePart(sessions.length);
  } catch (err) {
    await Promise.allSettled(inflight);
    if (err instanceof PrivacyFailure) await clearOutput(out);
    throw err;
  } finally {
    progress.stop();
    await pool?.close();
  }

  const totals = { steps: 0, episodes: 0 };
  for (const c of parts.flatMap((p) => Object.values(p.counts))) {
    totals.steps += c.steps;
    totals.episodes += c.episodes;
  }
  const exportId = exportIdOf(runKey);
  const lineage = { export_id: exportId, rebuild_of: rebuilt?.exportId ?? null, merged_from: [] };
  const manifest = await finish(out, parts, { runKey, settings, lineage, badSessions: listed.problems.length }, async (m) => {
    const installOf = new Map(sessions.map((s) => [installPseudonym(hash, s.installId), s.installId]));
    const createdAt = (io.audit?.clock ?? Date.now)();
    await recordLineage(reader, {
      exportId,
      rebuildOf: lineage.rebuild_of,
      createdAt,
      settings,
      saltCheck: saltCheck(hash),
      installs: m.installs,
      installOf,
    });
    const record = { exportId, sessionIds: sessions.map((s) => s.id), stepsBySession, totals, installs: m.installs.length };
    await recordExport(dataDir, record, io.audit);
  });
  return { manifest, alreadyComplete: false, problems: [...listed.problems, ...parts.flatMap((p) => p.problems)] };
}

type Lineage = Pick<Manifest, 'export_id' | 'rebuild_of' | 'merged_from'>;
type FixedKeys = 'format' | 'schema_version' | 'generator' | 'run_key' | 'coordinates' | 'fields' | 'files';

async function finish(
  out: string,
  parts: PartSummary[],
  run: {
    runKey: string;
    settings: Omit<Manifest, keyof ReturnType<typeof summarize> | keyof Lineage | FixedKeys>;
    lineage: Lineage;
    badSessions: number;
  },
  /** Records the export on the server (lineage, audit) once its files passed the privacy search, before its manifest. */
  beforeManifest: (m: Manifest) => Promise<void>,
): Promise<Manifest> {
  const files = await finalizeFiles(out, parts);
  const summary = summarize(parts, run.badSessions, run.settings.rendered);
  const draft: Manifest = {
    format: DATASET_FORMAT,
    schema_version: DATASET_SCHEMA_VERSION,
    generator: GENERATOR,
    ...run.lineage,
    run_key: run.runKey,
    ...run.settings,
    ...summary,
    coordinates: COORDINATES,
    fields: fieldDocs(),
    files: [],
  };
  await writeFile(join(out, CARD), datasetCard(draft, files));
  const hits = await finalSearch(out);
  if (hits.length) {
    await clearOutput(out);
    throw new PrivacyFailure(hits);
  }
  const manifest: Manifest = { ...draft, files: await fileDigests(out) };
  await beforeManifest(manifest);
  await rm(workDir(out), { recursive: true, force: true });
  // The manifest goes last: a folder without one is not a finished export.
  await writeAtomic(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** A session the renderer could not get through is bad input: reported by name, its episodes left out. */
function unrenderable(planned: BuiltSession['planned'], err: unknown): BuiltSession {
  const reason = `could not be rendered: ${(err as Error)?.message?.split('\n')[0] ?? String(err)}`;
  planned.data.problems.push({ what: 'session', name: `sessions/${planned.info.id}`, reason });
  return { planned, episodes: [], privacyDropped: [], privacySteps: 0, fatal: [] };
}

async function clearOutput(out: string): Promise<void> {
  for (const entry of MANAGED) await rm(join(out, entry), { recursive: true, force: true });
}
