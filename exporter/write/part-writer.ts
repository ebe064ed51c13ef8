import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Format } from '../cli/flags';
import { SPLITS, type Split } from '../../lib/schema/dataset-primitives';
import { TABLE_SCHEMAS, type EpisodeRow, type StepRow, type TableName } from '../../lib/schema/dataset-row';
import type { MODALITIES } from '../../lib/schema/dataset-manifest';
import type { PartFile, PartSummary } from '../../lib/schema/export-work';
import type { InputProblem } from '../store/store-reader';
import { groundingRow, jsonlRow } from '../steps/derived-rows';
import { agentlabConversations } from '../views/agentlab-view';
import { mind2webTask } from '../views/mind2web-view';
import { JsonlFile } from './jsonl-file';
import { ParquetTable } from './parquet-table';

/** A Parquet file is cut when it passes this size (the Hub's guidance: shards of at most ~500 MB). */
export const MAX_PARQUET_BYTES = 450 * 1024 * 1024;

export interface FinishedEpisode {
  split: Split;
  fingerprint: string;
  episode: EpisodeRow;
  steps: StepRow[];
}

type Modality = (typeof MODALITIES)[number];
const zeroCounts = () => ({ episodes: 0, steps: 0, grounding: 0 });

/**
 * One part of an export: the episodes of a run of sessions, written to the
 * part's own folder (Parquet per table and split, JSONL, views) and, for
 * JSONL and the views, the screenshots and DOM files to the dataset folder.
 * Closing it returns the summary that marks it done.
 */
export class PartWriter {
  private readonly parquet = new Map<string, { table: ParquetTable<Record<string, unknown>>; roll: number }>();
  private readonly jsonl = new Map<string, JsonlFile>();
  private readonly files: PartFile[] = [];
  readonly summary: PartSummary;
  bytes = 0;

  constructor(
    private readonly out: string,
    private readonly dir: string,
    index: number,
    sessionsFrom: number,
    private readonly formats: readonly Format[],
    private readonly maxParquetBytes = MAX_PARQUET_BYTES,
  ) {
    mkdirSync(dir, { recursive: true });
    this.summary = {
      index,
      sessionsFrom,
      sessionsTo: sessionsFrom,
      fingerprints: [],
      counts: { train: zeroCounts(), test_task: zeroCounts(), test_site: zeroCounts() },
      quality: { steps_with_target: 0, located: 0, verified: 0 },
      modalities: { train: [], test_task: [], test_site: [] },
      dropped: {
        privacy_steps: 0,
        privacy_named: [],
        duplicate_episodes: 0,
        split_conflicts: 0,
        other_shards_episodes: 0,
        bad_chunks: 0,
        bad_actions: 0,
      },
      problems: [],
      files: this.files,
      installs: {},
    };
  }

  /** Counts an episode for its install's pseudonym (the manifest's `installs`). */
  countInstall(pseudonym: string, steps: number): void {
    const c = (this.summary.installs[pseudonym] ??= { episodes: 0, steps: 0 });
    c.episodes += 1;
    c.steps += steps;
  }

  get steps(): number {
    return SPLITS.reduce((n, s) => n + this.summary.counts[s].steps, 0);
  }

  addProblems(problems: readonly InputProblem[]): void {
    for (const p of problems) {
      this.summary.problems.push(p);
      if (p.what === 'chunk') this.summary.dropped.bad_chunks += 1;
      if (p.what === 'action') this.summary.dropped.bad_actions += 1;
    }
  }

  addEpisode({ split, fingerprint, episode, steps }: FinishedEpisode): void {
    const s = this.summary;
    s.fingerprints.push(fingerprint);
    s.counts[split].episodes += 1;
    this.row('episodes', split, episode);
    const files = this.formats.includes('jsonl') || this.formats.includes('views');
    for (const step of steps) {
      s.counts[split].steps += 1;
      this.note(split, step);
      if (files) this.writeFiles(step);
      this.row('steps', split, step);
      const grounding = groundingRow(step);
      if (grounding) {
        s.counts[split].grounding += 1;
        this.row('grounding', split, grounding);
      }
    }
    if (this.formats.includes('views')) {
      const task = mind2webTask(episode, steps);
      if (task) this.view('mind2web', split).add(task);
      for (const c of agentlabConversations(episode, steps)) this.view('agentlab', split).add(c);
    }
  }

  close(): PartSummary {
    for (const { table } of this.parquet.values()) table.close();
    for (const file of this.jsonl.values()) file.close();
    return this.summary;
  }

  private note(split: Split, step: StepRow): void {
    const q = this.summary.quality;
    if (step.target) {
      q.steps_with_target += 1;
      if (step.target.located !== 'none') q.located += 1;
      if (step.target.selectors.some((x) => x.verified)) q.verified += 1;
    }
    const have: Modality[] = [];
    if (step.screenshot) have.push('screenshot');
    if (step.observation?.screenshot_source === 'capture') have.push('screenshot_capture');
    if (step.dom_html_gz) have.push('dom');
    if (step.axtree !== null) have.push('axtree');
    if (step.observation?.candidates.length) have.push('candidates');
    const list = this.summary.modalities[split];
    for (const m of have) if (!list.includes(m)) list.push(m);
    this.bytes += (step.screenshot?.bytes?.length ?? 0) + (step.dom_html_gz?.length ?? 0) + 2000;
  }

  private writeFiles(step: StepRow): void {
    if (step.screenshot?.bytes && step.screenshot.path) this.writeOut(step.screenshot.path, step.screenshot.bytes);
    if (step.dom_html_gz && step.dom_path) this.writeOut(step.dom_path, step.dom_html_gz);
  }

  private writeOut(relative: string, bytes: Uint8Array): void {
    const file = join(this.out, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }

  private row(table: TableName, split: Split, row: object): void {
    if (this.formats.includes('parquet')) this.parquetTable(table, split).add(row as Record<string, unknown>);
    if (this.formats.includes('jsonl')) this.jsonlFile('jsonl', table, split).add(jsonlRow(row as Record<string, unknown>));
  }

  private parquetTable(table: TableName, split: Split): ParquetTable<Record<string, unknown>> {
    const key = `${table}/${split}`;
    let entry = this.parquet.get(key);
    if (entry && entry.table.bytes >= this.maxParquetBytes) {
      entry.table.close();
      entry = { table: this.openParquet(table, split, entry.roll + 1), roll: entry.roll + 1 };
      this.parquet.set(key, entry);
    }
    if (!entry) {
      entry = { table: this.openParquet(table, split, 0), roll: 0 };
      this.parquet.set(key, entry);
    }
    return entry.table;
  }

  private openParquet(table: TableName, split: Split, roll: number): ParquetTable<Record<string, unknown>> {
    const file = `${table}/${split}-${roll}.parquet`;
    mkdirSync(join(this.dir, table), { recursive: true });
    this.files.push({ kind: 'parquet', table, split, file });
    return new ParquetTable(join(this.dir, file), TABLE_SCHEMAS[table]);
  }

  private view(kind: 'mind2web' | 'agentlab', split: Split): JsonlFile {
    return this.jsonlFile(kind, null, split);
  }

  private jsonlFile(kind: 'jsonl' | 'mind2web' | 'agentlab', table: TableName | null, split: Split): JsonlFile {
    const file = kind === 'jsonl' ? `jsonl/${table}/${split}.jsonl` : `views/${kind}/${split}.jsonl`;
    let f = this.jsonl.get(file);
    if (!f) {
      mkdirSync(dirname(join(this.dir, file)), { recursive: true });
      f = new JsonlFile(join(this.dir, file));
      this.jsonl.set(file, f);
      this.files.push({ kind, table, split, file });
    }
    return f;
  }
}
