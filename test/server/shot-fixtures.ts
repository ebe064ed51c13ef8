import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { encodeShotMeta, SHOT_META_HEADER, SHOTS_ROUTE, type ShotMeta } from '../../lib/schema/screenshot';
import { INGEST_TOKEN } from './harness';

/**
 * A WebP file as the server sees it: the RIFF container and the first chunk's
 * header declaring `width` x `height`, then `fill` (payload bytes; the server
 * never decodes them).
 */
export function makeWebp(width: number, height: number, format: 'VP8' | 'VP8L' | 'VP8X' = 'VP8', fill = 'pixels'): Buffer {
  let chunk: Buffer;
  if (format === 'VP8X') {
    chunk = Buffer.alloc(10);
    chunk.writeUIntLE(width - 1, 4, 3);
    chunk.writeUIntLE(height - 1, 7, 3);
  } else if (format === 'VP8L') {
    chunk = Buffer.alloc(5);
    chunk[0] = 0x2f;
    chunk.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 1);
  } else {
    chunk = Buffer.from([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0, 0, 0, 0]);
    chunk.writeUInt16LE(width, 6);
    chunk.writeUInt16LE(height, 8);
  }
  const data = Buffer.concat([chunk, Buffer.from(fill)]);
  const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
  const head = Buffer.alloc(8);
  head.write(format.padEnd(4, ' '), 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), head, padded]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

export const SHOT_INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';

export function makeShotMeta(image: Buffer, overrides: Partial<ShotMeta> & { width?: number; height?: number } = {}): ShotMeta {
  const { width = 640, height = 400, ...rest } = overrides;
  return {
    sessionId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    page: 0,
    takenAt: 1_700_000_000_000,
    installId: SHOT_INSTALL,
    orgId: null,
    extensionVersion: '0.1.0',
    site: 'http://localhost:5173',
    url: 'http://localhost:5173/app',
    trigger: 'periodic',
    requestedAt: 1_700_000_000_000,
    viewport: { width: 1280, height: 800 },
    scroll: { x: 0, y: 0 },
    image: { width, height, mime: 'image/webp', bytes: image.length },
    scale: 0.5,
    redactedRegions: 3,
    ...rest,
  };
}

export interface PostShotOptions {
  token?: string | null;
  headers?: Record<string, string | undefined>;
}

/** POST /v1/shots: the image as the body, the meta in its header. */
export function postShot(
  app: FastifyInstance,
  meta: ShotMeta | null,
  image: Buffer,
  opts: PostShotOptions = {},
): Promise<LightMyRequestResponse> {
  const token = opts.token === undefined ? INGEST_TOKEN : opts.token;
  const headers: Record<string, string> = {
    'content-type': 'image/webp',
    ...(meta ? { [SHOT_META_HEADER]: encodeShotMeta(meta) } : {}),
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
  };
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return app.inject({ method: 'POST', url: SHOTS_ROUTE, headers, payload: image });
}
