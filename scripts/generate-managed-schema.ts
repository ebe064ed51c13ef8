// Writes public/managed-schema.json (the manifest's storage.managed_schema) and the key table of
// docs/admin-policy.md from lib/schema/policy.ts, and that doc's rendered policy file examples. Run after changing the policy schema:
//   npm run generate:policy-schema
import { readFileSync, writeFileSync } from 'node:fs';
import { managedJsonSchema } from '../lib/rules/policy/managed-json-schema';
import { withReferenceTable } from '../lib/rules/policy/policy-reference';
import { withPolicyFileExamples } from './package/policies/doc-examples';

const root = new URL('../', import.meta.url);
writeFileSync(new URL('public/managed-schema.json', root), `${JSON.stringify(managedJsonSchema(), null, 2)}\n`);
const doc = new URL('docs/admin-policy.md', root);
writeFileSync(doc, withPolicyFileExamples(withReferenceTable(readFileSync(doc, 'utf8')), root));
console.log('wrote public/managed-schema.json and the key table and policy file examples of docs/admin-policy.md');
