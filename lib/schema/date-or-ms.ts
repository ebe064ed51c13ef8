import { z } from 'zod';

/** A time given on a command line or in a query: an ISO date (or date-time), or epoch milliseconds. */
export const dateOrMsSchema = z.string().transform((v, ctx) => {
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is neither an ISO date nor epoch milliseconds` });
    return z.NEVER;
  }
  return ms;
});
