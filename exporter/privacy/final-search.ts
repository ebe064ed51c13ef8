import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { datasetFiles } from '../output/file-digests';
import { hitsIn } from './privacy-gate';

const IMAGE = /\.(png|jpe?g|webp)$/;
/** Image pixels are not text; the page they show was rendered from text that was checked. */
const SKIPPED_COLUMNS = new Set(['screenshot']);

/**
 * The last check before the manifest: every text the dataset folder holds is
 * read back (JSONL and the card as written, DOM files gunzipped, Parquet
 * decompressed and decoded, every string and every gzip DOM column) and run
 * through the PII detectors again. Returns each hit as `file field kind`.
 */
export async function finalSearch(out: string): Promise<string[]> {
  const hits: string[] = [];
  for (const path of await datasetFiles(out)) {
    const full = join(out, path);
    if (IMAGE.test(path)) continue;
    if (path.endsWith('.parquet')) hits.push(...(await searchParquet(full, path)));
    else if (path.endsWith('.gz'))
      hits.push(...hitsIn(path, gunzipSync(await readFile(full)).toString('utf8')).map((h) => `${path} ${h.field} ${h.kind}`));
    else hits.push(...hitsIn(path, await readFile(full, 'utf8')).map((h) => `${path} text ${h.kind}`));
  }
  return hits;
}

async function searchParquet(file: string, path: string): Promise<string[]> {
  const buffer = await asyncBufferFromFile(file);
  const meta = await parquetMetadataAsync(buffer);
  const columns = meta.schema
    .filter((e, i) => i > 0 && e.name && isTopLevel(meta.schema, i))
    .map((e) => e.name)
    .filter((n) => !SKIPPED_COLUMNS.has(n));
  const hits: string[] = [];
  let rowStart = 0;
  for (const group of meta.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file: buffer, metadata: meta, columns, rowStart, rowEnd, utf8: false });
    for (const row of rows) {
      const walk = (value: unknown, field: string): void => {
        if (typeof value === 'string') for (const h of hitsIn(field, value)) hits.push(`${path} ${field} ${h.kind}`);
        else if (value instanceof Uint8Array) {
          if (value[0] === 0x1f && value[1] === 0x8b)
            for (const h of hitsIn(field, gunzipSync(value).toString('utf8'))) hits.push(`${path} ${field} ${h.kind}`);
        } else if (Array.isArray(value)) value.forEach((v) => walk(v, field));
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${field}.${k}`);
      };
      for (const [k, v] of Object.entries(row)) walk(v, k);
    }
    rowStart = rowEnd;
  }
  return hits;
}

/** Whether schema element i is a direct child of the root (a column name parquetReadObjects accepts). */
function isTopLevel(schema: ReadonlyArray<{ num_children?: number }>, i: number): boolean {
  let index = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (schema[at]!.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  while (index < schema.length) {
    if (index === i) return true;
    index = skip(index);
  }
  return false;
}
