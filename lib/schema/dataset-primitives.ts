import { z } from 'zod';

/**
 * The shapes every table of an exported dataset (lib/schema/dataset-row.ts) is built from: byte and
 * image columns with the hints the Parquet and Hugging Face writers read, boxes, points, sizes, splits.
 */

/** Parquet/HF hints the table-schema walker reads (zod's own metadata registry). */
export const BINARY_META = { dataset: 'binary' } as const;
export const IMAGE_META = { dataset: 'image' } as const;

/** Bytes, the 32-bit integers of the Parquet schema, and counts: the primitives every table uses. */
export const binary = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes').meta(BINARY_META);
export const int = z.int32();
export const count = z.int32().nonnegative();

/** The Hugging Face `Image` feature: encoded image bytes and a relative path. */
export const hfImageSchema = z.object({ bytes: binary.nullable(), path: z.string().nullable() }).meta(IMAGE_META);
export type HfImage = z.infer<typeof hfImageSchema>;

export const boxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type Box = z.infer<typeof boxSchema>;
export const pointSchema = z.object({ x: z.number(), y: z.number() });
export type Point = z.infer<typeof pointSchema>;
export const sizeSchema = z.object({ width: count, height: count });
export type Size = z.infer<typeof sizeSchema>;

export const SPLITS = ['train', 'test_task', 'test_site'] as const;
export const splitSchema = z.enum(SPLITS);
export type Split = z.infer<typeof splitSchema>;
