import { managedJsonSchema } from './managed-json-schema';

/** The key table of docs/admin-policy.md, generated from the policy schema (one source for both). */
export function policyReferenceTable(): string {
  const { properties } = managedJsonSchema();
  const rows = Object.entries(properties!).map(([key, p]) => {
    const type =
      p.type === 'array' ? `list of ${p.items?.properties ? `{ ${Object.keys(p.items.properties).join(', ')} }` : p.items?.type}` : p.type;
    const range = p.minimum !== undefined ? ` (${p.minimum}–${p.maximum})` : '';
    return `| \`${key}\` | ${type}${range} | ${(p.description ?? '').replace(/\|/g, '\\|')} |`;
  });
  return ['| key | type | meaning (default) |', '|---|---|---|', ...rows].join('\n');
}

const START = /<!-- policy-keys:start[^>]*-->/;
const END = '<!-- policy-keys:end -->';

/** The document with its key table replaced by the generated one. */
export function withReferenceTable(doc: string): string {
  const start = START.exec(doc);
  const end = doc.indexOf(END);
  if (!start || end < 0) throw new Error('docs/admin-policy.md lost its policy-keys markers');
  return `${doc.slice(0, start.index + start[0].length)}\n${policyReferenceTable()}\n${doc.slice(end)}`;
}
