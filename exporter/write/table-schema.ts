import { z } from 'zod';
import type { SchemaElement } from 'hyparquet';
import { BINARY_META, IMAGE_META } from '../../lib/schema/dataset-primitives';

/**
 * The dataset row schemas (lib/schema/dataset-row.ts, zod) read as column
 * types, and written out as a Parquet schema, Hugging Face `datasets`
 * features (the Parquet footer's `huggingface` key) and the dataset card's
 * YAML features: one declaration, three forms that cannot drift apart.
 */
export type ColumnType =
  | { kind: 'string' | 'double' | 'int32' | 'bool' | 'binary' | 'image'; nullable: boolean }
  | { kind: 'list'; item: ColumnType; nullable: boolean }
  | { kind: 'struct'; fields: Array<[string, ColumnType]>; nullable: boolean };

type AnyZod = z.core.$ZodType;

export function columnTypeOf(schema: AnyZod, nullable = false): ColumnType {
  const def = schema._zod.def as { type: string; innerType?: AnyZod; element?: AnyZod; shape?: Record<string, AnyZod>; format?: string };
  const meta = z.globalRegistry.get(schema as never) as { dataset?: string } | undefined;
  if (meta?.dataset === IMAGE_META.dataset) return { kind: 'image', nullable };
  if (meta?.dataset === BINARY_META.dataset) return { kind: 'binary', nullable };
  switch (def.type) {
    case 'nullable':
    case 'optional':
      return columnTypeOf(def.innerType!, true);
    case 'string':
    case 'enum':
      return { kind: 'string', nullable };
    case 'boolean':
      return { kind: 'bool', nullable };
    case 'number':
      return { kind: def.format === 'int32' ? 'int32' : 'double', nullable };
    case 'array':
      return { kind: 'list', item: columnTypeOf(def.element!), nullable };
    case 'object':
      return { kind: 'struct', fields: Object.entries(def.shape!).map(([k, v]) => [k, columnTypeOf(v)]), nullable };
    default:
      throw new Error(`no column type for a zod ${def.type}`);
  }
}

export function columnsOf(rowSchema: z.ZodObject): Array<[string, ColumnType]> {
  const type = columnTypeOf(rowSchema);
  if (type.kind !== 'struct') throw new Error('a row schema must be an object');
  return type.fields;
}

const IMAGE_FIELDS: Array<[string, ColumnType]> = [
  ['bytes', { kind: 'binary', nullable: true }],
  ['path', { kind: 'string', nullable: true }],
];

/** The Parquet schema (flattened SchemaElement list, 3-level LISTs) of a row schema. */
export function parquetSchema(rowSchema: z.ZodObject): SchemaElement[] {
  const columns = columnsOf(rowSchema);
  const out: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  const emit = (name: string, t: ColumnType): void => {
    const repetition_type = t.nullable ? 'OPTIONAL' : 'REQUIRED';
    switch (t.kind) {
      case 'string':
        out.push({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type });
        return;
      case 'binary':
        out.push({ name, type: 'BYTE_ARRAY', repetition_type });
        return;
      case 'double':
        out.push({ name, type: 'DOUBLE', repetition_type });
        return;
      case 'int32':
        out.push({ name, type: 'INT32', repetition_type });
        return;
      case 'bool':
        out.push({ name, type: 'BOOLEAN', repetition_type });
        return;
      case 'image':
        out.push({ name, repetition_type, num_children: 2 });
        for (const [k, v] of IMAGE_FIELDS) emit(k, v);
        return;
      case 'struct':
        out.push({ name, repetition_type, num_children: t.fields.length });
        for (const [k, v] of t.fields) emit(k, v);
        return;
      case 'list':
        out.push({ name, repetition_type, converted_type: 'LIST', num_children: 1 });
        out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
        emit('element', t.item);
        return;
    }
  };
  for (const [name, t] of columns) emit(name, t);
  return out;
}

const HF_DTYPES = { string: 'string', double: 'float64', int32: 'int32', bool: 'bool', binary: 'binary' } as const;

/** `datasets` Features as JSON (lists as `[feature]`, structs as plain objects, images as `Image`). */
export function hfFeatures(rowSchema: z.ZodObject): Record<string, unknown> {
  const feature = (t: ColumnType): unknown => {
    if (t.kind === 'image') return { _type: 'Image' };
    if (t.kind === 'list') return [feature(t.item)];
    if (t.kind === 'struct') return Object.fromEntries(t.fields.map(([k, v]) => [k, feature(v)]));
    return { dtype: HF_DTYPES[t.kind], _type: 'Value' };
  };
  return Object.fromEntries(columnsOf(rowSchema).map(([k, v]) => [k, feature(v)]));
}

/** The dataset card's `features:` list (YAML lines at `indent`), in the Hub's notation. */
export function hfYamlFeatures(rowSchema: z.ZodObject, indent: number): string[] {
  const lines: string[] = [];
  const pad = (n: number) => ' '.repeat(n);
  const body = (t: ColumnType, at: number, key: string): void => {
    if (t.kind === 'image') lines.push(`${pad(at)}${key === 'list' ? 'list: image' : 'dtype: image'}`);
    else if (t.kind === 'struct') {
      lines.push(`${pad(at)}${key === 'list' ? 'list' : 'struct'}:`);
      for (const [k, v] of t.fields) field(k, v, at);
    } else if (t.kind === 'list') {
      if (key === 'list') throw new Error('lists of lists are not used');
      body(t.item, at, 'list');
    } else lines.push(`${pad(at)}${key === 'list' ? 'list' : 'dtype'}: ${HF_DTYPES[t.kind]}`);
  };
  const field = (name: string, t: ColumnType, at: number): void => {
    lines.push(`${pad(at)}- name: ${name}`);
    body(t, at + 2, 'field');
  };
  for (const [k, v] of columnsOf(rowSchema)) field(k, v, indent);
  return lines;
}
