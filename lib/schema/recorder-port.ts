import { z } from 'zod';
import { chunkKeySchema, chunkSchema } from './chunk';

/**
 * Messages over the long-lived port between a content script (recorder) and
 * the background service worker. Both directions are parsed with these schemas.
 */
export const RECORDER_PORT_NAME = 'webtrace/recorder';

/** Content script → worker. */
export const recorderToWorkerSchema = z.discriminatedUnion('kind', [
  /** Sent first on every (re)connection. The same pageLoadId always gets the same session and page. */
  z.object({ kind: z.literal('hello'), pageLoadId: z.uuid(), url: z.string().max(8192) }),
  z.object({ kind: z.literal('chunk'), chunk: chunkSchema }),
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
