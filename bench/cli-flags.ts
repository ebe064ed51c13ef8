import { z } from 'zod';

/** npm run bench -- [--quick] [--only=id,id] [--reps=N] [--report=file] */
const flagsSchema = z.object({
  quick: z.boolean().default(false),
  only: z.array(z.string().min(1)).optional(),
  reps: z.coerce.number().int().min(1).max(20).optional(),
  /** Where to write the pass/fail counts of the figure check (read by scripts/summarize-results.mjs). */
  report: z.string().min(1).optional(),
});
export type BenchFlags = z.infer<typeof flagsSchema>;

export function parseFlags(argv: readonly string[]): BenchFlags {
  const raw: Record<string, unknown> = {};
  for (const arg of argv) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(arg)}: flags are --quick, --only=a,b, --reps=N, --report=file`);
    const [, name, value] = m;
    if (name === 'quick') raw.quick = value === undefined ? true : value !== 'false';
    else if (name === 'only') raw.only = (value ?? '').split(',').filter(Boolean);
    else raw[name!] = value;
  }
  const parsed = flagsSchema.strict().safeParse(raw);
  if (!parsed.success) throw new Error(`bad flags: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
