import { z } from 'zod/mini';
import { chunkKeySchema } from './chunk-key';

/**
 * The worker's half of the recorder port (lib/schema/recorder-port.ts has the
 * recorder's half and re-exports this): what a page is told. On its own so the
 * content script, which parses only these, constructs no other schema at its start;
 * in zod's "mini" form, so the content script carries only the parts of zod they use.
 */
export const RECORDER_PORT_NAME = 'webtrace/recorder';

/**
 * Worker → page: report the regions now; `arm` starts a new "changed" window (the first of a shot's two reports).
 * `release`: no report wanted, the armed shot is not taken (nothing changed since the last one): show the indicator again.
 */
export const shotRegionsRequestSchema = z.object({
  kind: z.literal('shot-regions-request'),
  requestId: z.int().check(z.minimum(0)),
  arm: z.boolean(),
  release: z.optional(z.literal(true)),
});
export type ShotRegionsRequest = z.infer<typeof shotRegionsRequestSchema>;

/** What the recorder on one page is told about privacy (lib/privacy's PrivacyPolicy is this type). */
export const recorderSettingsSchema = z.object({
  maskAllText: z.boolean(),
  blockSelector: z.nullable(z.string().check(z.maxLength(4000))),
  maskTextSelector: z.nullable(z.string().check(z.maxLength(4000))),
  /** Fields on this page whose typed values the organisation's policy lets through (never the always-never fields, never pasted text). */
  valueCaptureSelector: z.optional(z.nullable(z.string().check(z.maxLength(4000)))),
  /** With maskAllText: keep interactive controls' roles and names in actions. */
  keepControlNames: z.optional(z.boolean()),
  /** Screenshots are taken on this page (issue 15): the page answers region requests and reports action triggers. */
  screenshots: z.optional(z.boolean()),
  /** Show the in-page recording indicator (issue 19); absent means shown, so an older worker's pages still show it. */
  indicator: z.optional(z.boolean()),
});
export type RecorderSettings = z.infer<typeof recorderSettingsSchema>;

/** Worker → content script. */
export const workerToRecorderSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('session'),
    sessionId: z.uuid(),
    page: z.int().check(z.minimum(0)),
    /** Stamped on the page's chunks (lib/schema/chunk.ts); absent from older workers. */
    tabRunId: z.optional(z.uuid()),
    /** Recorder settings in force for this page. */
    settings: recorderSettingsSchema,
  }),
  /** Recording is not allowed here now; the recorder stops and drops what it buffered. */
  z.object({ kind: z.literal('denied'), reason: z.string().check(z.maxLength(500)) }),
  /** The chunk is durable in IndexedDB. */
  z.object({ kind: z.literal('ack'), key: chunkKeySchema }),
  /** The chunk (or message) was invalid and will never be stored; the recorder drops it. */
  z.object({ kind: z.literal('rejected'), key: z.nullable(chunkKeySchema), reason: z.string().check(z.maxLength(2000)) }),
  shotRegionsRequestSchema,
]);
export type WorkerToRecorder = z.infer<typeof workerToRecorderSchema>;
