import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finalSearch } from '../../exporter/privacy/final-search';
import { ParquetTable } from '../../exporter/write/parquet-table';
import { TABLE_SCHEMAS } from '../../lib/schema/dataset-row';
import { sampleStep } from './fixtures';
import { webp } from '../support/shot-fixtures';

/** A PNG made of its signature and the given chunks (CRCs left zero: nothing here decodes pixels). */
function png(...chunks: Array<[string, Uint8Array]>): Uint8Array {
  const parts: Buffer[] = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  for (const [type, data] of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    parts.push(head, Buffer.from(data), Buffer.alloc(4));
  }
  return new Uint8Array(Buffer.concat(parts));
}

let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'webtrace-final-search-'));
  await mkdir(path.join(out, 'screenshots', 'ep_1'), { recursive: true });
});
afterEach(() => rm(out, { recursive: true, force: true }));
const put = (rel: string, bytes: Uint8Array) => writeFile(path.join(out, rel), bytes);

describe('finalSearch over screenshots, rendered and captured', () => {
  it('passes images whose only content is pixels', async () => {
    await put('screenshots/ep_1/0000.webp', webp());
    await put('screenshots/ep_1/0001.png', png(['IHDR', new Uint8Array(13)], ['IDAT', new Uint8Array([1, 2, 3])]));
    expect(await finalSearch(out)).toEqual([]);
  });

  it('finds text in WebP EXIF/XMP chunks and PNG text chunks, compressed or not', async () => {
    await put('screenshots/ep_1/0000.webp', webp(['EXIF', Buffer.from('Artist\0ada.lovelace@example.org')]));
    await put('screenshots/ep_1/0001.png', png(['tEXt', Buffer.from('Comment\0call 4111 1111 1111 1111')]));
    const z = Buffer.concat([Buffer.from('Comment\0\0'), deflateSync('mail grace.hopper@example.org')]);
    await put('screenshots/ep_1/0002.png', png(['zTXt', z]));
    expect((await finalSearch(out)).sort()).toEqual([
      'screenshots/ep_1/0000.webp image email',
      'screenshots/ep_1/0001.png image card',
      'screenshots/ep_1/0002.png image email',
    ]);
  });

  it('names a file that is not the image its name says', async () => {
    await put('screenshots/ep_1/0000.webp', png(['IHDR', new Uint8Array(13)]));
    await put('screenshots/ep_1/0001.png', new TextEncoder().encode('plain text, mail ada.lovelace@example.org'));
    expect((await finalSearch(out)).sort()).toEqual([
      'screenshots/ep_1/0000.webp image not_an_image',
      'screenshots/ep_1/0001.png image email',
      'screenshots/ep_1/0001.png image not_an_image',
    ]);
  });

  it("reads the Parquet screenshot column's image bytes too", async () => {
    await mkdir(path.join(out, 'steps'));
    const table = new ParquetTable(path.join(out, 'steps', 'train.parquet'), TABLE_SCHEMAS.steps);
    table.add({ ...sampleStep(0), dom_html_gz: null, screenshot: { bytes: webp(), path: 'screenshots/ep_1/0000.webp' } } as Record<
      string,
      unknown
    >);
    table.add({
      ...sampleStep(1),
      dom_html_gz: null,
      screenshot: { bytes: webp(['XMP ', Buffer.from('<x>ada.lovelace@example.org</x>')]), path: null },
    } as Record<string, unknown>);
    table.close();
    expect(await finalSearch(out)).toEqual(['steps/train.parquet screenshot.bytes email']);
  });
});

describe('finalSearch over text', () => {
  it('finds PII in Parquet strings and gzip DOM columns, DOM files gunzipped, and JSONL and card text', async () => {
    await mkdir(path.join(out, 'steps'));
    const table = new ParquetTable(path.join(out, 'steps', 'train.parquet'), TABLE_SCHEMAS.steps);
    const clean = sampleStep(0);
    table.add({ ...clean, dom_html_gz: gzipSync('<p>nothing here</p>'), screenshot: null } as Record<string, unknown>);
    table.add({
      ...sampleStep(1),
      target: { ...clean.target!, name: 'Mail ada.lovelace@example.org' },
      dom_html_gz: gzipSync('<p>call +44 20 7946 0958</p>'),
      screenshot: null,
    } as Record<string, unknown>);
    table.close();
    await mkdir(path.join(out, 'dom', 'ep_1'), { recursive: true });
    await put('dom/ep_1/0000.html.gz', gzipSync('<p>grace.hopper@example.org</p>'));
    await mkdir(path.join(out, 'jsonl', 'steps'), { recursive: true });
    await put('jsonl/steps/train-00000-of-00001.jsonl', Buffer.from('{"name":"Pay 4111 1111 1111 1111"}\n'));
    await put('README.md', Buffer.from('# card\nno personal data here\n'));
    expect((await finalSearch(out)).sort()).toEqual([
      'dom/ep_1/0000.html.gz dom/ep_1/0000.html.gz email',
      'jsonl/steps/train-00000-of-00001.jsonl text card',
      'steps/train.parquet dom_html_gz phone',
      'steps/train.parquet target.name email',
    ]);
  });
});
