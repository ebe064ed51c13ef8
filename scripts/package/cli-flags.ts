import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { formatIssues } from '../../lib/schema/format-issues';

/** Parses --name value flags (each also an env var) with a zod schema; an error names the flag. */
export function parseFlags<S extends z.ZodType>(
  argv: string[],
  env: NodeJS.ProcessEnv,
  spec: Record<string, string | null>,
  schema: S,
): z.infer<S> {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(spec).map((flag) => [flag, { type: 'string' as const }])),
    strict: true,
    allowPositionals: false,
  });
  const raw = Object.fromEntries(
    Object.entries(spec).map(([flag, envName]) => [
      flag,
      (values as Record<string, string | undefined>)[flag] ?? (envName ? env[envName]?.trim() || undefined : undefined),
    ]),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid flags: ${formatIssues(parsed.error.issues).replace(/(^|; )([\w-]+):/g, '$1--$2:')}`);
  return parsed.data;
}
