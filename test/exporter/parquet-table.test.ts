import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { stepRowSchema, type StepRow } from '../../lib/schema/dataset-row';
import { ParquetTable, ROWS_PER_GROUP } from '../../exporter/write/parquet-table';
import { sampleStep } from './fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-parquet-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function writeSteps(file: string, rows: StepRow[]): void {
  const table = new ParquetTable<StepRow>(file, stepRowSchema);
  for (const row of rows) table.add(row);
  table.close();
}

describe('ParquetTable', () => {
  it('writes step rows that DuckDB reads back with every nested value, in groups of at most 100 rows', async () => {
    const file = path.join(dir, 'steps.parquet');
    const rows = Array.from({ length: 250 }, (_, i) =>
      sampleStep(i, i === 7 ? { target: null, observation: null, screenshot: null, dom_html_gz: null } : {}),
    );
    writeSteps(file, rows);

    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([ROWS_PER_GROUP, ROWS_PER_GROUP, 50]);
    const hf = JSON.parse(meta.key_value_metadata!.find((kv) => kv.key === 'huggingface')!.value!);
    expect(hf.info.features.screenshot).toEqual({ _type: 'Image' });
    expect(hf.info.features.target.selectors[0].verified).toEqual({ dtype: 'bool', _type: 'Value' });

    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const reader = await db.runAndReadAll(
      `select step_index, target.name as name, target.selectors[2].match_count as m2, len(target.selectors) as n,
              observation.candidates[1].bbox_css.x as cx, screenshot.path as path, octet_length(screenshot.bytes) as shot,
              derived.browsergym as bg, action.modifiers as mods, flags
         from read_parquet('${file}') order by step_index`,
    );
    const got = reader.getRowObjectsJson();
    expect(got).toHaveLength(250);
    expect(got[3]).toEqual({
      step_index: 3,
      name: 'Save 3',
      m2: 2,
      n: '2',
      cx: 10.5,
      path: 'screenshots/ep_abc/0003.png',
      shot: '5',
      bg: "click('43')",
      mods: ['Control'],
      flags: ['dpr_assumed', 'point_assumed'],
    });
    expect(got[7]).toMatchObject({ step_index: 7, name: null, n: null, path: null, shot: null });
    expect(got[4]!.mods).toEqual([]);
  });

  it('reads back identically with hyparquet (the image struct keeps its bytes)', async () => {
    const file = path.join(dir, 'steps.parquet');
    writeSteps(file, [sampleStep(1), sampleStep(2)]);
    const rows = (await parquetReadObjects({
      file: await asyncBufferFromFile(file),
      columns: ['screenshot', 'target', 'derived'],
      utf8: false,
    })) as Array<Pick<StepRow, 'screenshot' | 'target' | 'derived'>>;
    expect([...rows[1]!.screenshot!.bytes!]).toEqual([137, 80, 78, 71, 2]);
    expect(rows[0]!.target!.ancestors).toEqual([{ role: 'dialog', name: 'Edit' }]);
    expect(rows[0]!.derived.bbox_norm).toEqual({ x: 0.0131, y: 0.0333, width: 0.1, height: 0.04 });
  });

  it('writes identical bytes for identical rows', async () => {
    const a = path.join(dir, 'a.parquet');
    const b = path.join(dir, 'b.parquet');
    const rows = Array.from({ length: 120 }, (_, i) => sampleStep(i));
    writeSteps(a, rows);
    writeSteps(b, rows);
    const { readFile } = await import('node:fs/promises');
    expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0);
  });
});
