import { parseArgs } from 'node:util';
import { z } from 'zod';
import { dateOrMsSchema } from '../../../lib/schema/date-or-ms';
import { formatIssues } from '../../../lib/schema/format-issues';
import { auditHeadSchema } from '../audit-log';

export const AUDIT_USAGE = `usage: npm run audit -- --from DATE --to DATE [--data DIR] [--out FILE] [--expect-head SEQ:HASH]
  --from DATE --to DATE   sessions that started, and audit entries made, at or after --from and before --to
                          (ISO date or epoch ms; --to 2026-12-01 ends as that day begins, UTC)
  --data DIR              the server's data dir (default $WEBTRACE_DATA or ./data); WEBTRACE_STORE=s3 and its
                          settings read an s3 store instead, the audit log still comes from DIR
  --out FILE              the JSON report (default ./audit-report-<from>-<to>.json); the text goes beside it (.txt)
  --expect-head SEQ:HASH  a head an earlier report printed: fails if the log no longer holds that entry
exit codes: 0 clean, 1 failed, 2 bad flags, 3 findings (PII in stored data, or a broken audit chain)`;

export class AuditUsageError extends Error {
  override name = 'AuditUsageError';
}

const headFlag = z
  .string()
  .regex(/^\d+:[0-9a-f]{64}$/, 'must be SEQ:HASH as a report prints it')
  .transform((v) => auditHeadSchema.parse({ seq: Number(v.split(':')[0]), hash: v.split(':')[1] }));

const auditFlagsSchema = z
  .object({
    from: dateOrMsSchema,
    to: dateOrMsSchema,
    data: z.string().min(1),
    out: z.string().min(1).optional(),
    'expect-head': headFlag.optional(),
  })
  .refine((f) => f.from < f.to, { message: 'must be later than --from', path: ['to'] });
export type AuditFlags = z.infer<typeof auditFlagsSchema>;

export function parseAuditFlags(argv: readonly string[], env: NodeJS.ProcessEnv): AuditFlags {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        'expect-head': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new AuditUsageError((err as Error).message);
  }
  const parsed = auditFlagsSchema.safeParse({ ...values, data: values.data ?? env.WEBTRACE_DATA ?? './data' });
  if (!parsed.success) throw new AuditUsageError(formatIssues(parsed.error.issues, { root: '' }).replace(/(^|; )(\w[\w-]*):/g, '$1--$2:'));
  return parsed.data;
}
