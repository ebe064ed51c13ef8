import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestSchema, type Manifest } from '../../lib/schema/dataset-manifest';
import { partSummarySchema, workStateSchema, type PartSummary } from '../../lib/schema/export-work';
import { MANAGED, MANIFEST, partDir, workDir } from './layout';

/** The finished export in `out`, if there is one (a valid manifest). */
export async function readManifest(out: string): Promise<Manifest | null> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(out, MANIFEST), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Makes `out` ready for the run `runKey` and returns the parts an earlier,
 * interrupted run of the same key finished (in order, up to the first
 * missing one). Anything else the exporter owns in `out` (another run's
 * output) is cleared; a folder holding files the exporter does not own is
 * refused rather than overwritten.
 */
export async function prepareOutput(out: string, runKey: string): Promise<PartSummary[]> {
  await mkdir(out, { recursive: true });
  const entries = await readdir(out);
  const foreign = entries.filter((e) => !MANAGED.includes(e));
  if (foreign.length)
    throw new Error(`${out} holds files that are not a webtrace export (${foreign.slice(0, 3).join(', ')}): choose an empty folder`);
  const state = await readJson(join(workDir(out), 'state.json'), workStateSchema);
  if (state?.run_key !== runKey) {
    for (const e of entries) await rm(join(out, e), { recursive: true, force: true });
    await mkdir(workDir(out), { recursive: true });
    await writeAtomic(join(workDir(out), 'state.json'), JSON.stringify({ run_key: runKey }));
    return [];
  }
  await rm(join(out, MANIFEST), { force: true });
  const parts: PartSummary[] = [];
  for (let i = 0; ; i++) {
    const summary = await readJson(join(partDir(out, i), 'done.json'), partSummarySchema);
    if (!summary || summary.index !== i || summary.sessionsFrom !== (parts.at(-1)?.sessionsTo ?? 0)) break;
    parts.push(summary);
  }
  // A part begun after the last finished one is redone from scratch.
  await rm(partDir(out, parts.length), { recursive: true, force: true });
  return parts;
}

/** Marks a part finished: its summary, written atomically, is what a resumed run trusts. */
export async function markPartDone(out: string, summary: PartSummary): Promise<void> {
  await writeAtomic(join(partDir(out, summary.index), 'done.json'), JSON.stringify(summary));
}

export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

async function readJson<T>(
  file: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): Promise<T | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
