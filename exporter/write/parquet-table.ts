import type { z } from 'zod';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { columnsOf, hfFeatures, parquetSchema } from './table-schema';

/** Rows per row group: the Hugging Face viewer needs small groups when rows hold images. */
export const ROWS_PER_GROUP = 100;
export const CREATED_BY = 'webtrace exporter';

/**
 * One Parquet file of a table, written a row group at a time (memory holds
 * one group), with the `huggingface` footer key so `datasets` reads the
 * features (images included) without being told.
 */
export class ParquetTable<Row extends Record<string, unknown>> {
  private readonly writer: ReturnType<typeof fileWriter>;
  private readonly pq: ParquetWriter;
  private readonly names: string[];
  private buffer: Row[] = [];
  rows = 0;

  constructor(
    readonly file: string,
    rowSchema: z.ZodObject,
  ) {
    this.names = columnsOf(rowSchema).map(([name]) => name);
    this.writer = fileWriter(file);
    this.pq = new ParquetWriter({
      writer: this.writer,
      schema: parquetSchema(rowSchema),
      codec: 'SNAPPY',
      createdBy: CREATED_BY,
      kvMetadata: [{ key: 'huggingface', value: JSON.stringify({ info: { features: hfFeatures(rowSchema) } }) }],
    });
  }

  add(row: Row): void {
    this.buffer.push(row);
    this.rows += 1;
    if (this.buffer.length >= ROWS_PER_GROUP) this.flushGroup();
  }

  /** Bytes written so far (for cutting shards at a size). */
  get bytes(): number {
    return this.writer.offset;
  }

  close(): void {
    this.flushGroup();
    this.pq.finish();
  }

  private flushGroup(): void {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    const columnData = this.names.map((name) => ({ name, data: rows.map((r) => r[name] ?? null) }));
    void this.pq.write({ columnData, rowGroupSize: ROWS_PER_GROUP });
  }
}
