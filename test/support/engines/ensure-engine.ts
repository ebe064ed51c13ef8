import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const scripts = {
  ceph: fileURLToPath(new URL('../../../scripts/ensure-ceph.sh', import.meta.url)),
  postgres: fileURLToPath(new URL('../../../scripts/ensure-postgres.sh', import.meta.url)),
} as const;

const binDirSchema = z
  .string()
  .trim()
  .regex(/^\/\S*$/, 'an absolute directory path');

export type EngineBinaries = { bin: string } | { missing: string };

/**
 * Where an engine's programs are, through scripts/ensure-<engine>.sh (one place decides): it uses
 * WEBTRACE_CEPH_BIN / WEBTRACE_PG_BIN or what is installed, installs Debian's packages as root, or
 * says what is missing. Its progress goes to our stderr.
 */
export function ensureEngine(engine: keyof typeof scripts): Promise<EngineBinaries> {
  return new Promise((resolve) => {
    execFile('bash', [scripts[engine]], { timeout: 600_000 }, (error, stdout, stderr) => {
      process.stderr.write(stderr);
      if (error) {
        const reason = stderr.trim().split('\n').at(-1) || error.message;
        resolve({ missing: reason });
        return;
      }
      const bin = binDirSchema.safeParse(stdout);
      resolve(
        bin.success
          ? { bin: bin.data }
          : { missing: `scripts/ensure-${engine}.sh printed ${JSON.stringify(stdout)}, not ${bin.error.issues[0]?.message}` },
      );
    });
  });
}

/** The engine's program directory, or an error saying what is missing. */
export async function engineBin(engine: keyof typeof scripts): Promise<string> {
  const found = await ensureEngine(engine);
  if ('missing' in found) throw new Error(found.missing);
  return found.bin;
}
