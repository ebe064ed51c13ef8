import { z } from 'zod';
import { chunkKeySchema, chunkSchema } from './chunk';
import { seqRangeSchema } from './dropped-chunks';

/**
 * Messages over the long-lived port between a content script (recorder) and
 * the background service worker. Both directions are parsed with these schemas.
 */
export const RECORDER_PORT_NAME = 'webtrace/recorder';

/** Content script → worker. */
export const recorderToWorkerSchema = z.discriminatedUnion('kind', [
  /** Sent first on every (re)connection. The same pageLoadId always gets the same session and page. */
  z.object({
    kind: z.literal('hello'),
    pageLoadId: z.uuid(),
    url: z.string().max(8192),
    /** A page already recording reconnects (the worker restarted): not a new page load, so a full queue does not stop it. */
    resumed: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('chunk'),
    chunk: chunkSchema,
    /** This page's chunks the recorder dropped unacknowledged (its cap), not yet reported; stored with the chunk. */
    dropped: z.array(seqRangeSchema).max(100).optional(),
  }),
]);
export type RecorderToWorker = z.infer<typeof recorderToWorkerSchema>;

/** Worker → content script. */
export const workerToRecorderSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('session'),
    sessionId: z.uuid(),
    page: z.int().min(0),
    /** Recorder settings in force for this page. */
    settings: z.object({
      maskAllText: z.boolean(),
      blockSelector: z.string().max(4000).nullable(),
      maskTextSelector: z.string().max(4000).nullable(),
      /** Fields on this page whose typed values the organisation's policy lets through (lib/privacy). */
      valueCaptureSelector: z.string().max(4000).nullable().optional(),
      /** With maskAllText: keep interactive controls' roles and names in actions. */
      keepControlNames: z.boolean().optional(),
    }),
  }),
  /** Recording is not allowed here now; the recorder stops and drops what it buffered. */
  z.object({ kind: z.literal('denied'), reason: z.string().max(500) }),
  /** The chunk is durable in IndexedDB. */
  z.object({ kind: z.literal('ack'), key: chunkKeySchema }),
  /** The chunk (or message) was invalid and will never be stored; the recorder drops it. */
  z.object({ kind: z.literal('rejected'), key: chunkKeySchema.nullable(), reason: z.string().max(2000) }),
]);
export type WorkerToRecorder = z.infer<typeof workerToRecorderSchema>;
export type RecorderSettings = Extract<WorkerToRecorder, { kind: 'session' }>['settings'];

/**
 * What a recorder leaves in `storage.local` when its page goes (pagehide) with
 * chunks not yet acknowledged: a message on a port opened that late may never
 * reach a worker that was stopped, a storage write does. The worker stores
 * the chunks and removes the entry. Key: RECORDER_STASH_PREFIX + pageLoadId.
 */
export const RECORDER_STASH_PREFIX = 'webtrace:stash:';
export const recorderStashSchema = z.object({
  chunks: z.array(chunkSchema).min(1).max(500),
  dropped: z.array(seqRangeSchema).max(100),
});
export type RecorderStash = z.infer<typeof recorderStashSchema>;
