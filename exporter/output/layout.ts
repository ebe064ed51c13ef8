import { join } from 'node:path';
import type { Split } from '../../lib/schema/dataset-primitives';
import type { TableName } from '../../lib/schema/dataset-row';

/**
 * The dataset folder:
 *   README.md                      dataset card (YAML configs, features, splits)
 *   manifest.json                  written last, with the sha256 of every file
 *   steps/|episodes/|grounding/    {split}-0000k-of-0000n.parquet
 *   jsonl/{table}/                 {split}-0000k-of-0000n.jsonl
 *   screenshots/{episode}/{step}.png, dom/{episode}/{step}.html.gz
 *   views/mind2web/, views/agentlab/   {split}-0000k-of-0000n.jsonl
 *   .work/                         resumable working state, removed at the end
 */
export const MANIFEST = 'manifest.json';
export const CARD = 'README.md';
export const WORK = '.work';
/** Everything an export owns in its folder, and may clear when it starts over. */
export const MANAGED = [MANIFEST, CARD, WORK, 'steps', 'episodes', 'grounding', 'jsonl', 'screenshots', 'dom', 'views'];

export const stepFileName = (stepIndex: number): string => String(stepIndex).padStart(4, '0');
export const screenshotPath = (episodeId: string, stepIndex: number, ext: string): string =>
  `screenshots/${episodeId}/${stepFileName(stepIndex)}.${ext}`;
export const domPath = (episodeId: string, stepIndex: number): string => `dom/${episodeId}/${stepFileName(stepIndex)}.html.gz`;

/** `train-00001-of-00003`: the Hub's shard naming. */
export function shardName(split: Split, k: number, n: number): string {
  return `${split}-${String(k).padStart(5, '0')}-of-${String(n).padStart(5, '0')}`;
}

export function finalPath(
  kind: 'parquet' | 'jsonl' | 'mind2web' | 'agentlab',
  table: TableName | null,
  split: Split,
  k: number,
  n: number,
): string {
  const name = shardName(split, k, n);
  if (kind === 'parquet') return `${table}/${name}.parquet`;
  if (kind === 'jsonl') return `jsonl/${table}/${name}.jsonl`;
  return `views/${kind}/${name}.jsonl`;
}

export const workDir = (out: string): string => join(out, WORK);
export const partDir = (out: string, index: number): string => join(out, WORK, 'parts', String(index).padStart(5, '0'));
