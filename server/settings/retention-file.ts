import { z } from 'zod';

/**
 * WEBTRACE_RETENTION_FILE: per-site retention overriding WEBTRACE_RETENTION_DAYS,
 *   { "sites": { "https://crm.example.com": 7, "https://wiki.example.com": 0 } }
 * keyed by a session's site (its origin, as the read API lists it); 0 keeps
 * that site's sessions until erased.
 */
export const retentionFileSchema = z.strictObject({
  sites: z.record(
    z.string().min(1).max(300),
    z.int('days must be a whole number').min(0, 'days must be at least 0').max(36_500, 'days must be at most 36500'),
  ),
});
export type RetentionFile = z.infer<typeof retentionFileSchema>;
