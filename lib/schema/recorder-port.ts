import { z } from 'zod';
import { chunkSchema } from './chunk';
import { seqRangeSchema } from './dropped-chunks';
import { serializeRecorderStash } from './recorder-stash-text';
import { shotRegionsMessageSchema, shotTriggerMessageSchema } from './shot-regions';
import {
  RECORDER_PORT_NAME,
  recorderSettingsSchema,
  workerToRecorderSchema,
  type RecorderSettings,
  type WorkerToRecorder,
} from './worker-to-recorder';

/**
 * Messages over the long-lived port between a content script (recorder) and
 * the background service worker. Both directions are parsed with these schemas.
 */
export { RECORDER_PORT_NAME, recorderSettingsSchema, workerToRecorderSchema, type RecorderSettings, type WorkerToRecorder };

/**
 * A chunk as it crosses the port: its events as their JSON text. The page
 * serialises a run once (its length is then the byte count the recorder's
 * caps need), and the port carries one string instead of converting a large
 * snapshot's object tree node by node on the page's main thread; the worker
 * parses it. An events array is still accepted (the shape before this).
 */
const portEventsSchema = z.preprocess((value, ctx) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'events are not JSON' });
    return z.NEVER;
  }
}, chunkSchema.shape.events);

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
    chunk: chunkSchema.extend({ events: portEventsSchema }),
    /** This page's chunks the recorder dropped unacknowledged (its cap), not yet reported; stored with the chunk. */
    dropped: z.array(seqRangeSchema).max(100).optional(),
  }),
  shotRegionsMessageSchema,
  shotTriggerMessageSchema,
  /** The person clicked the page's recording indicator (issue 19): open the popup's controls. */
  z.object({ kind: z.literal('open-controls') }),
]);
export type RecorderToWorker = z.infer<typeof recorderToWorkerSchema>;
/** What the recorder posts (a chunk's events as JSON text). */
export type RecorderToWorkerMessage = z.input<typeof recorderToWorkerSchema>;

/**
 * What a recorder leaves in `storage.local` when its page goes (pagehide) with
 * chunks not yet acknowledged: a message on a port opened that late may never
 * reach a worker that was stopped, a storage write does. The worker stores
 * the chunks and removes the entry. Key: RECORDER_STASH_PREFIX (lib/schema/storage-keys.ts) + pageLoadId.
 */
export const recorderStashSchema = z.object({
  chunks: z.array(chunkSchema).min(1).max(500),
  dropped: z.array(seqRangeSchema).max(100),
});
export type RecorderStash = z.infer<typeof recorderStashSchema>;

/** The stash as it is written (lib/schema/recorder-stash-text.ts). */
export { serializeRecorderStash };

/** A stash entry as read back: the JSON string, parsed and checked. */
export const storedRecorderStashSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'stash is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(recorderStashSchema);
