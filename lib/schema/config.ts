import { z } from 'zod';

/**
 * The extension's working configuration, whatever its source: the
 * organisation's managed policy (lib/rules/policy/policy-to-config.ts), else a local
 * override (lib/rules/config/load-config.ts), else the defaults.
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
  /** Sites never recorded, whatever else says so. */
  blockedSites: z.array(z.string().min(1).max(500)).max(1000),
  /** Allowed sites start on (true) or off (false) until the person chooses. */
  captureOnByDefault: z.boolean(),
  /** Whether the person may turn capture on or off per site. */
  employeesMayChangeSites: z.boolean(),
  pauseAllowed: z.boolean(),
  /** The in-page mark while a page is recorded (issue 19); only the organisation's policy turns it off. */
  recordingIndicator: z.boolean(),
  /** Consent must have been given to at least this version of the text. */
  consentVersion: z.int().min(1),
  organizationNotice: z.string().max(4000).nullable(),
  purposeStatement: z.string().max(2000).nullable(),
  /** Recording pauses when this many bytes are queued locally. */
  localCapBytes: z.int().min(1024),
  /** Queued recordings older than this are deleted from the machine. */
  retentionDays: z.int().min(1),
  /** The upload alarm's period. */
  uploadIntervalSeconds: z.int().min(30),
  /** Recorder masking. Inputs are always masked; these add to it. */
  maskAllText: z.boolean(),
  blockSelector: z.string().max(4000).nullable(),
  maskTextSelector: z.string().max(4000).nullable(),
  /** Privacy choices beyond masking (lib/privacy; README "Privacy"). */
  privacy: z.object({
    /**
     * Fields whose typed values may be recorded: on pages matching `sites` (match patterns), the
     * fields matching `selector`. Passwords, one-time codes, payment fields and pasted text never are.
     */
    captureValues: z
      .array(z.object({ sites: z.array(z.string().min(1).max(500)).min(1).max(100), selector: z.string().min(1).max(4000) }))
      .max(100),
    /** With maskAllText: keep the roles and accessible names of interactive controls in actions. */
    keepControlNames: z.boolean(),
  }),
  upload: z.object({
    /** Upload this long after new data is queued (the 30 s alarm is the backstop). */
    delayMs: z.int().min(0).max(3_600_000),
    /** Upload at once when this many bytes are queued. */
    thresholdBytes: z.int().min(1024),
    maxBatchBytes: z.int().min(1024).max(50_000_000),
    maxBatchChunks: z.int().min(1).max(500),
  }),
  /** Pixel screenshots (issue 15), null when off: only on recorded pages matching `sites`. */
  screenshots: z
    .object({
      sites: z.array(z.string().min(1).max(500)).min(1).max(1000),
      periodicSeconds: z.int().min(2).max(3600),
      perAction: z.boolean(),
      maxWidth: z.int().min(320).max(4096),
      quality: z.number().min(0.1).max(1),
      /** The byte budget of stored shots (lib/rules/screenshots/byte-budget.ts). */
      maxMegabytesPerHour: z.number().min(1).max(100_000),
    })
    .nullable(),
  /** A session ends after this much inactivity in its tab. */
  sessionIdleMs: z.int().min(60_000),
});
export type Config = z.infer<typeof configSchema>;

/** A local override: any subset of the configuration, validated key by key. */
export const configOverrideSchema = configSchema.partial().extend({
  upload: configSchema.shape.upload.partial().optional(),
});
export type ConfigOverride = z.infer<typeof configOverrideSchema>;
