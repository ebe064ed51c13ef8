import { z } from 'zod';
import { POLICY_KEYS, policyKeySchemas } from '../../schema/policy';

/**
 * The manifest's `storage.managed_schema`, generated from the zod policy
 * schema so the two cannot drift. Chrome's schema dialect is a small subset
 * of JSON Schema (an unknown attribute makes the extension fail to load), so
 * only type, description, properties, items, minimum and maximum are kept.
 */
type ChromeSchema = {
  type: string;
  description?: string;
  items?: ChromeSchema;
  properties?: Record<string, ChromeSchema>;
  minimum?: number;
  maximum?: number;
};

export function managedJsonSchema(): ChromeSchema {
  const properties: Record<string, ChromeSchema> = {};
  for (const key of POLICY_KEYS) properties[key] = toChrome(z.toJSONSchema(policyKeySchemas[key]) as Record<string, unknown>);
  return { type: 'object', properties };
}

function toChrome(node: Record<string, unknown>): ChromeSchema {
  // Chrome's dialect has no unions: a key that is "off" or an object (screenshots) is declared as the
  // object. Chrome drops a value of another type, which leaves the key unset: off, as "off" means.
  if (Array.isArray(node.anyOf)) {
    const object = (node.anyOf as Record<string, unknown>[]).find((branch) => branch.type === 'object');
    if (object) return toChrome({ ...object, description: node.description });
  }
  const out: ChromeSchema = { type: String(node.type) };
  if (typeof node.description === 'string') out.description = node.description;
  if (node.items && typeof node.items === 'object') out.items = toChrome(node.items as Record<string, unknown>);
  if (node.properties && typeof node.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(node.properties as Record<string, Record<string, unknown>>).map(([k, v]) => [k, toChrome(v)]),
    );
  }
  // Chrome stores integers as 32-bit; zod's safe-integer bounds would not fit.
  const inInt32 = (n: unknown): n is number => typeof n === 'number' && Math.abs(n) <= 2 ** 31 - 1;
  if (out.type === 'integer' && inInt32(node.minimum)) out.minimum = node.minimum;
  if (out.type === 'integer' && inInt32(node.maximum)) out.maximum = node.maximum;
  return out;
}
