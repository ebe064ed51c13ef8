import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { formatIssues } from '../../lib/schema/format-issues';

/** A settings file (tokens, retention) parsed by its schema, or what is wrong with it, naming the file and field but no value. */
export function readJsonFile<T extends z.ZodType>(
  path: string,
  schema: T,
): { ok: true; value: z.output<T> } | { ok: false; problem: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, problem: `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `${path} is not JSON` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `${path}: ${formatIssues(parsed.error.issues, { root: '(file)' })}` };
  return { ok: true, value: parsed.data };
}
