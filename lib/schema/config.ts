import { z } from 'zod';

/**
 * The extension's working configuration: where traces go and which sites may
 * be recorded. Today it comes from defaults plus a local override
 * (lib/config/load-config.ts); the admin-policy work will feed it from managed
 * storage through the same schema.
 */
export const DEV_INGEST_TOKEN = 'webtrace-dev-ingest-token';
export const DEV_ENDPOINT = 'http://127.0.0.1:8787';

export const configSchema = z.object({
  /** Base URL of the ingestion server; batches go to `${endpoint}/v1/batches`. */
  endpoint: z.url({ protocol: /^https?$/ }),
  ingestToken: z.string().min(1).max(500),
  orgId: z.string().max(200).nullable(),
  /** Chrome match patterns for sites that may be recorded, e.g. `http://localhost/*` (any port). */
  sites: z.array(z.string().min(1).max(500)).max(1000),
  /** Recorder masking. Inputs are always masked; these add to it. */
  maskAllText: z.boolean(),
  blockSelector: z.string().max(4000).nullable(),
  maskTextSelector: z.string().max(4000).nullable(),
  upload: z.object({
    /** Upload this long after new data is queued (the 30 s alarm is the backstop). */
    delayMs: z.int().min(0).max(3_600_000),
    /** Upload at once when this many bytes are queued. */
    thresholdBytes: z.int().min(1024),
    maxBatchBytes: z.int().min(1024).max(50_000_000),
    maxBatchChunks: z.int().min(1).max(500),
  }),
  /** A session ends after this much inactivity in its tab. */
  sessionIdleMs: z.int().min(60_000),
});
export type Config = z.infer<typeof configSchema>;

/** A local override: any subset of the configuration, validated key by key. */
export const configOverrideSchema = configSchema.partial().extend({
  upload: configSchema.shape.upload.partial().optional(),
});
export type ConfigOverride = z.infer<typeof configOverrideSchema>;
