import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditSink } from '../../lib/schema/audit-entry';
import { shotKeySchema, type ShotList } from '../../lib/schema/screenshot';
import { recordSessionRead } from '../audit/record-read';
import { HttpError } from '../http/http-error';
import { parseOr400 } from '../http/parse-request';
import { toStoredShot } from '../store/shot-record';
import type { Store } from '../store/store';
import { sessionParamsSchema } from './read-params';

export const SHOT_LIST_ROUTE = '/v1/sessions/:id/shots';
export const SHOT_IMAGE_ROUTE = '/v1/sessions/:id/shots/:page/:takenAt';

/** Path segments are strings: plain decimal integers only, then the key's own bounds. */
const decimal = (schema: z.ZodInt) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'must be a non-negative integer')
    .transform(Number)
    .pipe(schema);
const shotParamsSchema = sessionParamsSchema.extend({
  page: decimal(shotKeySchema.shape.page),
  takenAt: decimal(shotKeySchema.shape.takenAt),
});

/**
 * The read API's screenshots (issue 15), registered inside the read routes
 * (read token; each read recorded in the audit log before anything is sent):
 *   GET /v1/sessions/:id/shots                  shotListSchema, oldest first
 *   GET /v1/sessions/:id/shots/:page/:takenAt   the image/webp bytes, ETag = its sha256
 * A session is known by its chunks or its shots; the store given hides
 * expired sessions (server/lifecycle/retention/hide-expired.ts).
 */
export function shotReadRoutes(app: FastifyInstance, store: Store, audit: AuditSink | undefined): void {
  app.get(SHOT_LIST_ROUTE, async (request): Promise<ShotList> => {
    const { id } = parseOr400(sessionParamsSchema, request.params, 'invalid_session_id');
    const shots = await store.listShots(id);
    if (shots.length === 0 && !(await store.meta(id))) throw notFound(id);
    await recordSessionRead(audit, request, id, { shots: shots.length });
    return { sessionId: id, shots: shots.map(toStoredShot) };
  });

  app.get(SHOT_IMAGE_ROUTE, async (request, reply) => {
    const key = parseOr400(shotParamsSchema, request.params, 'invalid_shot_key');
    const shot = (await store.listShots(key.id)).find((s) => s.page === key.page && s.takenAt === key.takenAt);
    if (!shot) throw new HttpError(404, 'shot_not_found', `no shot ${key.id}/${key.page}/${key.takenAt}`);
    const etag = `"${shot.sha256}"`;
    reply.header('etag', etag).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
    // The bytes under a key never change (a resend with others is refused): a cached copy is this one.
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const image = await store.readShotImage({ sessionId: key.id, page: key.page, takenAt: key.takenAt });
    if (!image) throw new HttpError(404, 'shot_not_found', `no shot ${key.id}/${key.page}/${key.takenAt}`);
    await recordSessionRead(audit, request, key.id, { shotPage: key.page, shotTakenAt: key.takenAt });
    return reply.type('image/webp').send(image);
  });
}

const notFound = (id: string) => new HttpError(404, 'session_not_found', `no session ${id}`);
