import { z } from 'zod';
import { consentVersionSchema } from './batch';

/**
 * A screenshot's upload (issue 15): POST /v1/shots, the same bearer token as
 * batches. The body is the redacted WebP image itself (Content-Type
 * image/webp, never gzip'ed: WebP does not compress further); its metadata
 * travels base64url-encoded JSON in the SHOT_META_HEADER header, so an image
 * costs no base64 on the wire. Only a redacted image is ever uploaded.
 *
 * Idempotent by (sessionId, page, takenAt): a resent shot with the same bytes
 * is acknowledged again (`duplicate: true`); other bytes under a stored key
 * are refused (409 shot_conflict).
 */
export const SHOTS_ROUTE = '/v1/shots';
export const SHOT_META_HEADER = 'webtrace-shot-meta';
/** The largest image accepted, in bytes. A 1280 px WebP at the default quality is ~30-80 KB. */
export const MAX_SHOT_BYTES = 2_000_000;

/** Why the shot was taken: just before a person's action, after it settled, or on the periodic clock. */
export const SHOT_TRIGGERS = ['before-action', 'after-action', 'periodic'] as const;
export const shotTriggerSchema = z.enum(SHOT_TRIGGERS);
export type ShotTrigger = z.infer<typeof shotTriggerSchema>;

const px = z.number().min(0).max(1_000_000);
const dimension = z.int().min(1).max(20_000);

export const shotKeySchema = z.object({
  sessionId: z.uuid().toLowerCase(),
  page: z.int().min(0).max(100_000),
  /** When the capture was taken (epoch ms, the browser's clock like the events' timestamps). */
  takenAt: z.int().min(0),
});
export type ShotKey = z.infer<typeof shotKeySchema>;

export const shotMetaSchema = shotKeySchema.extend({
  installId: z.uuid(),
  orgId: z.string().max(200).nullable(),
  extensionVersion: z.string().max(50),
  consentVersion: consentVersionSchema.optional(),
  /** Origin of the recorded site, as the chunks name it. */
  site: z.string().max(300),
  /** The page URL, scrubbed like a chunk's. */
  url: z.string().max(8192),
  trigger: shotTriggerSchema,
  /** When the trigger fired (epoch ms): a before-action shot's pointerdown or keydown, the periodic tick. */
  requestedAt: z.int().min(0),
  /** The layout viewport in CSS px (the page's innerWidth x innerHeight) and its scroll offset. */
  viewport: z.object({ width: dimension, height: dimension }),
  scroll: z.object({ x: px, y: px }),
  /** The stored image in pixels, and image pixels per CSS px (after any downscale to maxWidth). */
  image: z.object({ width: dimension, height: dimension, mime: z.literal('image/webp'), bytes: z.int().min(1).max(MAX_SHOT_BYTES) }),
  scale: z.number().positive().max(16),
  /** How many regions were blacked out in it (their rects never leave the worker). */
  redactedRegions: z.int().nonnegative().max(100_000),
});
export type ShotMeta = z.infer<typeof shotMetaSchema>;

/** The server's answer to an accepted shot; the worker deletes its copy only after validating it. */
export const shotReceiptSchema = shotKeySchema.extend({
  /** sha256 of the stored image bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** True when this exact shot was already stored (a resend). */
  duplicate: z.boolean(),
});
export type ShotReceipt = z.infer<typeof shotReceiptSchema>;

/** A stored shot as the read API lists it: GET /v1/sessions/:id/shots. The image is at `.../shots/:page/:takenAt`. */
export const storedShotSchema = shotMetaSchema.omit({ installId: true, orgId: true }).extend({
  sha256: z.string(),
  storedAt: z.int(),
});
export type StoredShot = z.infer<typeof storedShotSchema>;

export function shotKeyString(key: ShotKey): string {
  return `${key.sessionId}/${key.page}/${key.takenAt}`;
}

/** base64url of the UTF-8 JSON; works in the service worker (no Buffer) and in Node. */
export function encodeShotMeta(meta: ShotMeta): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(meta))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The header's JSON, undecoded: the server parses it with shotMetaSchema and names what was wrong. */
export function decodeShotMetaHeader(header: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(header)) throw new SyntaxError(`${SHOT_META_HEADER} is not base64url`);
  const binary = atob(header.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

/** GET /v1/sessions/:id/shots (read token): the session's shots, oldest first. */
export const shotListSchema = z.object({ sessionId: z.string(), shots: z.array(storedShotSchema) });
export type ShotList = z.infer<typeof shotListSchema>;

/** GET /v1/sessions/:id/shots/:page/:takenAt answers the image/webp bytes of one shot. */
export function shotImagePath(key: ShotKey): string {
  return `/v1/sessions/${key.sessionId}/shots/${key.page}/${key.takenAt}`;
}
