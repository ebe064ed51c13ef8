import { decodeShotMetaHeader, SHOT_META_HEADER, shotMetaSchema, type ShotMeta } from '../../lib/schema/screenshot';
import { formatIssues } from '../../lib/schema/format-issues';
import { HttpError } from '../http/http-error';
import { webpSize } from './webp-size';

/**
 * A POST /v1/shots request → its metadata and image, or an HttpError naming
 * what is wrong: the media type, the metadata header (missing, not base64url
 * JSON, not a shot's metadata), the body's length, its WebP signature and
 * the size it declares, each against the metadata.
 */
export function decodeShot(
  headers: { contentType?: string; contentEncoding?: string; meta?: string },
  body: unknown,
): { meta: ShotMeta; image: Buffer } {
  const type = (headers.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'image/webp')
    throw new HttpError(415, 'unsupported_media_type', `Content-Type must be image/webp, not "${type || '(none)'}"`);
  const encoding = (headers.contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity')
    throw new HttpError(415, 'unsupported_encoding', `a shot is sent as is: Content-Encoding "${encoding}" is refused`);
  const meta = decodeMeta(headers.meta);
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty_body', 'request body is empty');
  if (body.length !== meta.image.bytes) {
    throw new HttpError(
      400,
      'shot_size_mismatch',
      `the body has ${body.length} bytes; ${SHOT_META_HEADER} says image.bytes = ${meta.image.bytes}`,
    );
  }
  const size = webpSize(body);
  if (!size.ok) throw new HttpError(400, 'invalid_webp', `the body is not a WebP image: ${size.reason}`);
  if (size.width !== meta.image.width || size.height !== meta.image.height) {
    throw new HttpError(
      400,
      'shot_dimensions_mismatch',
      `the WebP image is ${size.width}x${size.height}; ${SHOT_META_HEADER} says image is ${meta.image.width}x${meta.image.height}`,
    );
  }
  return { meta, image: body };
}

function decodeMeta(header: string | undefined): ShotMeta {
  if (header === undefined || header === '') throw new HttpError(400, 'invalid_shot_meta', `the ${SHOT_META_HEADER} header is missing`);
  let value: unknown;
  try {
    value = decodeShotMetaHeader(header);
  } catch (err) {
    throw new HttpError(
      400,
      'invalid_shot_meta',
      `${SHOT_META_HEADER} is not base64url UTF-8 JSON: ${(err as Error).message.slice(0, 200)}`,
    );
  }
  const parsed = shotMetaSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid_shot_meta', `${SHOT_META_HEADER}: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}
