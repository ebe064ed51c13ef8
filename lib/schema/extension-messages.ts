import { z } from 'zod';
import { configSchema } from './config';
import { setAsideReceiptSchema, storedErasureConfirmationSchema } from './consent-outbox';
import { CAPTURE_STATUSES, consentSchema, pauseSchema } from './employee-state';
import { localSessionSchema } from './local-sessions';
import { uploadedRecordingsSchema } from './my-recordings';
import { policyIssueSchema } from './policy';
import { queueStatsSchema } from './queue-stats';

/**
 * Requests from the extension's own pages (popup, consent page, My data) to
 * the service worker, and what they get back. The worker parses every
 * request; the pages parse every answer.
 */
const origin = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/]+$/, 'must be an origin like https://app.example.com');

export const extensionRequestSchema = z.discriminatedUnion('kind', [
  /** Status for a page (the popup's tab): null url for none. */
  z.object({ kind: z.literal('get-status'), url: z.string().max(8192).nullable() }),
  z.object({ kind: z.literal('give-consent'), version: z.int().min(1) }),
  z.object({ kind: z.literal('withdraw-consent') }),
  z.object({ kind: z.literal('set-site'), origin, on: z.boolean() }),
  /** minutes null: until resumed. */
  z.object({ kind: z.literal('pause'), minutes: z.union([z.literal(15), z.literal(60), z.null()]) }),
  z.object({ kind: z.literal('resume') }),
  z.object({ kind: z.literal('upload-now') }),
  z.object({ kind: z.literal('list-local-sessions') }),
  z.object({ kind: z.literal('delete-local-session'), sessionId: z.uuid() }),
  z.object({ kind: z.literal('delete-all-local') }),
  z.object({ kind: z.literal('get-settings') }),
  /** "Delete my uploaded recordings" (after the page's confirm step). */
  z.object({ kind: z.literal('erase-uploads') }),
  /** My data: what the server holds of this install (GET /v1/subjects/:installId/recordings). */
  z.object({ kind: z.literal('list-uploads') }),
]);
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;

export const statusSchema = z.object({
  capture: z.object({
    status: z.enum(CAPTURE_STATUSES),
    reason: z.string().nullable(),
    site: z.string().nullable(),
    /** Whether screenshots are taken on this site while it is recorded (issue 15). */
    screenshots: z.boolean().optional(),
  }),
  consent: z.object({
    required: z.int(),
    given: consentSchema.nullable(),
    /** When the person withdrew consent, if they did and have not agreed since. */
    withdrawnAt: z.number().nullable().optional(),
    /** From the organisation's policy, shown on the consent page. */
    notice: z.string().nullable(),
    purpose: z.string().nullable(),
  }),
  /** What the organisation lets the person do. */
  allowed: z.object({ siteChoice: z.boolean(), pause: z.boolean() }),
  pause: pauseSchema.nullable(),
  /** Whether the person's settings could be read (default deny if not). */
  stateError: z.string().nullable(),
  config: z.object({
    source: z.enum(['policy', 'local', 'default']),
    error: z.string().nullable(),
    /** Capture is off as a whole (invalid or unreadable policy): why. */
    blocked: z.string().nullable(),
    endpoint: z.string(),
    policyIssues: z.array(policyIssueSchema),
  }),
  queue: queueStatsSchema,
});
export type Status = z.infer<typeof statusSchema>;

/** Answer to a request that changes something. */
export const resultSchema = z.object({ ok: z.boolean(), detail: z.string() });
export type Result = z.infer<typeof resultSchema>;

export const localSessionsAnswerSchema = z.object({
  sessions: z.array(localSessionSchema),
  queue: queueStatsSchema,
  rejected: z.array(z.object({ id: z.int(), reason: z.string(), at: z.number(), chunks: z.int() })),
  /** Consent receipts the server refused (issue 16), and the person's last erasure as the server confirmed it. */
  receiptsRefused: z.array(setAsideReceiptSchema).optional(),
  lastErasure: storedErasureConfirmationSchema.nullable().optional(),
});
export type LocalSessionsAnswer = z.infer<typeof localSessionsAnswerSchema>;

/** The options page: the configuration in force, where it came from, and what was ignored. */
export const settingsAnswerSchema = z.object({
  source: z.enum(['policy', 'local', 'default']),
  blocked: z.string().nullable(),
  error: z.string().nullable(),
  policyIssues: z.array(policyIssueSchema),
  config: configSchema,
});
export type SettingsAnswer = z.infer<typeof settingsAnswerSchema>;

/** The answer to "Delete my uploaded recordings": the server's confirmation, or why not in plain words. */
export const erasureAnswerSchema = resultSchema.extend({ confirmation: storedErasureConfirmationSchema.nullable() });
export type ErasureAnswer = z.infer<typeof erasureAnswerSchema>;

/**
 * My data's "Uploaded to <server>": the install id (for a data-subject request) and the server
 * always; the server's list, or when it erased the install, or why it could not be asked (`detail`).
 */
export const uploadsAnswerSchema = z.object({
  installId: z.uuid(),
  server: z.string().max(2000),
  recordings: uploadedRecordingsSchema.nullable(),
  /** Epoch ms of the server's erasure of this install (0 when it did not say when); null when not erased. */
  erasedAt: z.number().nonnegative().nullable(),
  detail: z.string().max(4000).nullable(),
});
export type UploadsAnswer = z.infer<typeof uploadsAnswerSchema>;

/** What the worker answers to each kind of request. */
export type ExtensionAnswers = {
  'get-status': Status;
  'give-consent': Result;
  'withdraw-consent': Result;
  'set-site': Result;
  pause: Result;
  resume: Result;
  'upload-now': Result;
  'list-local-sessions': LocalSessionsAnswer;
  'delete-local-session': Result;
  'delete-all-local': Result;
  'get-settings': SettingsAnswer;
  'erase-uploads': ErasureAnswer;
  'list-uploads': UploadsAnswer;
};
