import { z } from 'zod';
import { TABLE_SCHEMAS, TABLES, type TableName } from '../../lib/schema/dataset-row';

type AnyZod = z.core.$ZodType;

/**
 * The documented columns of each table, `dotted.path -> description`, read
 * from the row schemas' `.describe()` texts (list items as `path[]`): the
 * manifest's `fields` and the dataset card's field list, so the docs are
 * written once, beside the field.
 */
export function fieldDocs(): Record<TableName, Record<string, string>> {
  return Object.fromEntries(TABLES.map((t) => [t, docsOf(TABLE_SCHEMAS[t])])) as Record<TableName, Record<string, string>>;
}

function docsOf(schema: AnyZod): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (s: AnyZod, path: string): void => {
    const description = (z.globalRegistry.get(s as never) as { description?: string } | undefined)?.description;
    if (description && path && !(path in out)) out[path] = description;
    const def = s._zod.def as { type: string; innerType?: AnyZod; element?: AnyZod; shape?: Record<string, AnyZod> };
    if (def.type === 'nullable' || def.type === 'optional') walk(def.innerType!, path);
    else if (def.type === 'array') walk(def.element!, `${path}[]`);
    else if (def.type === 'object') for (const [k, v] of Object.entries(def.shape!)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(schema, '');
  return out;
}
