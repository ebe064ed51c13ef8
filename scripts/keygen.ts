// npm run keygen [-- --out ~/.webtrace/signing-key.pem]
// Creates the organisation's signing key OUTSIDE the repository and prints the extension id it gives.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseFlags } from './package/cli-flags';
import { readSigningKey } from './package/extension-id';

const root = fileURLToPath(new URL('../', import.meta.url));
const flagsSchema = z.object({
  out: z
    .string()
    .min(1)
    .default(path.join(os.homedir(), '.webtrace', 'signing-key.pem')),
});

try {
  const { out } = parseFlags(process.argv.slice(2), process.env, { out: null }, flagsSchema);
  const file = path.resolve(out);
  const inRepo = path.relative(root, file);
  if (!inRepo.startsWith('..') && !path.isAbsolute(inRepo)) {
    throw new Error(`${file} is inside the repository; keep the signing key outside it (and never commit it)`);
  }
  if (existsSync(file)) throw new Error(`${file} exists; refusing to replace a signing key (a new key means a new extension id)`);
  // 2048-bit RSA, as Chrome's own packer uses.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  const key = readSigningKey(file);
  console.log(`signing key: ${file}`);
  console.log(`extension id: ${key.extensionId}`);
  console.log('Put this id in your package input file (extensionId). Back the key up: every later version must be');
  console.log('signed with it, and a lost key means a new id, so every policy on every machine would have to change.');
} catch (err) {
  console.error(`npm run keygen: ${(err as Error).message}`);
  process.exit(1);
}
