import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { datasetFiles } from '../output/file-digests';
import { IMAGE_EXTENSIONS, imageText } from './image-text';
import { hitsIn } from './privacy-gate';

const IMAGE = /\.(png|jpe?g|webp)$/;

/**
 * The last check before the manifest: every text the dataset folder holds is
 * read back (JSONL and the card as written, DOM files gunzipped, Parquet
 * decompressed and decoded, every string and every gzip DOM column) and run
 * through the PII detectors again. Screenshots, rendered or captured, as
 * files and as the Parquet `screenshot` column: pixels are not text (a
 * rendering shows a page rendered from checked text, a capture was redacted
 * in the browser), but the text an image file can carry (metadata chunks) is
 * searched, and bytes that are not the image they are named as are a hit.
 * Returns each hit as `file field kind`.
 */
export async function finalSearch(out: string): Promise<string[]> {
  const hits: string[] = [];
  for (const path of await datasetFiles(out)) {
    const full = join(out, path);
    if (IMAGE.test(path)) hits.push(...imageHits(path, 'image', await readFile(full), path.split('.').pop()!));
    else if (path.endsWith('.parquet')) hits.push(...(await searchParquet(full, path)));
    else if (path.endsWith('.gz'))
      hits.push(...hitsIn(path, gunzipSync(await readFile(full)).toString('utf8')).map((h) => `${path} ${h.field} ${h.kind}`));
    else hits.push(...hitsIn(path, await readFile(full, 'utf8')).map((h) => `${path} text ${h.kind}`));
  }
  return hits;
}

async function searchParquet(file: string, path: string): Promise<string[]> {
  const buffer = await asyncBufferFromFile(file);
  const meta = await parquetMetadataAsync(buffer);
  const columns = meta.schema.filter((e, i) => i > 0 && e.name && isTopLevel(meta.schema, i)).map((e) => e.name);
  const hits: string[] = [];
  let rowStart = 0;
  for (const group of meta.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file: buffer, metadata: meta, columns, rowStart, rowEnd, utf8: false });
    for (const row of rows) {
      const walk = (value: unknown, field: string): void => {
        if (field === 'screenshot.bytes' && value instanceof Uint8Array) hits.push(...imageHits(path, field, value, null));
        else if (typeof value === 'string') for (const h of hitsIn(field, value)) hits.push(`${path} ${field} ${h.kind}`);
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

/** An image's metadata text searched; `not_an_image` when it is no PNG, JPEG or WebP (or not the one its extension names). */
function imageHits(path: string, field: string, bytes: Uint8Array, extension: string | null): string[] {
  const { format, texts } = imageText(bytes);
  const named = format !== null && (extension === null || (IMAGE_EXTENSIONS[format] as readonly string[]).includes(extension));
  const hits = texts.flatMap((t) => hitsIn(field, t).map((h) => `${path} ${field} ${h.kind}`));
  return named ? hits : [`${path} ${field} not_an_image`, ...hits];
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
