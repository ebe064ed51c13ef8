import { z } from 'zod';
import { formatIssues } from '../../lib/schema/format-issues';
import { HttpError } from './http-error';

/** Query strings arrive as strings; only plain decimal integers are accepted. */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a non-negative integer')
    .transform(Number)
    .pipe(z.int().min(min).max(max));

/** Parses a request's params, query or body, or throws a 400 naming the bad part. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, code: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, code, formatIssues(parsed.error.issues));
  return parsed.data;
}
