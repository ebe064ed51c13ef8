// Writes public/managed-schema.json (the manifest's storage.managed_schema) and the key table of
// docs/admin-policy.md from lib/schema/policy.ts. Run after changing the policy schema:
//   npm run generate:policy-schema
import { readFileSync, writeFileSync } from 'node:fs';
import { managedJsonSchema } from '../lib/policy/managed-json-schema';
import { withReferenceTable } from '../lib/policy/policy-reference';

const root = new URL('../', import.meta.url);
writeFileSync(new URL('public/managed-schema.json', root), `${JSON.stringify(managedJsonSchema(), null, 2)}\n`);
const doc = new URL('docs/admin-policy.md', root);
writeFileSync(doc, withReferenceTable(readFileSync(doc, 'utf8')));
console.log('wrote public/managed-schema.json and the key table of docs/admin-policy.md');
