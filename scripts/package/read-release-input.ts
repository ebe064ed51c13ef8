import { readFileSync } from 'node:fs';
import { releaseInputSchema, type ReleaseInput } from '../../lib/schema/release-input';

/** Reads and validates the package input file; the error names the file and every bad or unknown key. */
export function readReleaseInput(file: string): ReleaseInput {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseReleaseInput(raw, file);
}

export function parseReleaseInput(raw: unknown, file: string): ReleaseInput {
  const parsed = releaseInputSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'top level'}: ${i.message}`);
    throw new Error(`${file} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
