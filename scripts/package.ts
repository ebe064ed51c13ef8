// npm run package -- --input org.json --key ~/.webtrace/signing-key.pem [--out release]
// Writes a release for an organisation: store zips, signed CRX and updates.xml, policy files, SHA256SUMS.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseFlags } from './package/cli-flags';
import { packageRelease } from './package/package-release';

const root = fileURLToPath(new URL('../', import.meta.url));
const flagsSchema = z.object({
  input: z.string().min(1).default('release-input.json'),
  key: z.string({ error: 'name the signing key file (--key or WEBTRACE_SIGNING_KEY); create one with npm run keygen' }).min(1),
  out: z.string().min(1).default('release'),
});

try {
  const flags = parseFlags(
    process.argv.slice(2),
    process.env,
    { input: 'WEBTRACE_RELEASE_INPUT', key: 'WEBTRACE_SIGNING_KEY', out: null },
    flagsSchema,
  );
  const started = Date.now();
  const result = await packageRelease({
    root,
    inputFile: path.resolve(flags.input),
    keyFile: path.resolve(flags.key),
    outDir: path.resolve(flags.out),
  });
  for (const f of result.files) console.log(`${String(f.bytes).padStart(10)}  ${f.file}`);
  console.log(
    `webtrace ${result.version}, extension id ${result.extensionId}: release written to ${flags.out}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (err) {
  console.error(`npm run package: ${(err as Error).message}`);
  process.exit(1);
}
