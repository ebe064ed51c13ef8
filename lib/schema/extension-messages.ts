import { z } from 'zod';
import { queueStatsSchema } from './queue-stats';

/**
 * Requests from the extension's own pages (popup, later options and My data)
 * to the service worker, and the status they get back.
 */
export const extensionRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('get-status'), url: z.string().max(8192).nullable() }),
  z.object({ kind: z.literal('upload-now') }),
]);
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;

export const statusSchema = z.object({
  /** The decision for the URL asked about (the popup's current tab). */
  capture: z.object({ allowed: z.boolean(), reason: z.string().nullable() }).nullable(),
  config: z.object({
    source: z.enum(['default', 'local']),
    error: z.string().nullable(),
    endpoint: z.string(),
  }),
  queue: queueStatsSchema,
});
export type Status = z.infer<typeof statusSchema>;

export const uploadNowResultSchema = z.object({ ok: z.boolean(), detail: z.string() });
