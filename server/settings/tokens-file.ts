import { z } from 'zod';
import { tokenSchema } from './settings-schema';

/**
 * WEBTRACE_TOKENS_FILE: tokens kept out of the environment (and so out of
 * process listings), one list per role; every role is optional.
 *   { "ingest": [...], "read": [...], "export": [...], "admin": [...] }
 */
export const tokensFileSchema = z.strictObject({
  ingest: z.array(tokenSchema).default([]),
  read: z.array(tokenSchema).default([]),
  export: z.array(tokenSchema).default([]),
  admin: z.array(tokenSchema).default([]),
});
export type TokensFile = z.infer<typeof tokensFileSchema>;
