import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';
import { batchSchema, type Batch } from '../../lib/schema/batch';
import { rrwebPayloadIssue } from '../../lib/schema/rrweb-payload';
import { HttpError } from '../http/http-error';
import { formatIssues, formatPath } from '../../lib/schema/format-issues';
import { timestampIssue } from './check-timestamps';
import { sanitizeJson } from './sanitize-json';

const gunzipAsync = promisify(gunzip);

export interface BodyLimits {
  /** Cap on the body as sent (compressed). */
  maxBodyBytes: number;
  /** Cap on the JSON after decompression; stops gzip bombs. */
  maxDecompressedBytes: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxDecompressedBytes: 50 * 1024 * 1024,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bodies up to this size (compressed) are inflated on the main thread: for
 * the few KB a batch usually is, zlib's async stream machinery costs more
 * than the inflating it moves to the thread pool (measured: 0.41 against 0.13
 * CPU ms per batch). Deflate expands at most ~1030:1, so such a body inflates
 * to ~16 MiB at worst, a stall of milliseconds even when hostile; larger
 * bodies go off the main thread.
 */
export const SYNC_GUNZIP_MAX_BYTES = 16 * 1024;

/**
 * Raw request body → validated batch, or an HttpError saying exactly what is
 * wrong: not JSON, nested too deep, not a batch, an rrweb payload no rrweb
 * makes, or implausible times. Only a batch that passes all of these reaches
 * the scrubber and the store, so none of them can make the server fail.
 */
export async function decodeBatch(
  body: unknown,
  contentEncoding: string | undefined,
  limits: BodyLimits,
  now: number = Date.now(),
): Promise<Batch> {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty_body', 'request body is empty');
  const json = await decompress(body, (contentEncoding ?? 'identity').trim().toLowerCase(), limits);

  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(json));
  } catch (err) {
    throw new HttpError(400, 'invalid_json', `body is not valid UTF-8 JSON: ${(err as Error).message}`);
  }
  const sane = sanitizeJson(value);
  if (!sane.ok) throw new HttpError(400, 'too_deep', `${formatPath(sane.path)}: ${sane.message}`);
  const parsed = batchSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid_batch', formatIssues(parsed.error.issues));
  const batch = parsed.data;
  for (const [c, chunk] of batch.chunks.entries()) {
    for (const [e, event] of chunk.events.entries()) {
      const issue = rrwebPayloadIssue(event);
      if (issue) throw new HttpError(400, 'invalid_event', `${formatPath(['chunks', c, 'events', e, ...issue.path])}: ${issue.message}`);
    }
  }
  const late = timestampIssue(batch, now);
  if (late) throw new HttpError(400, 'implausible_timestamp', `${formatPath(late.path)}: ${late.message}`);
  return batch;
}

async function decompress(body: Buffer, encoding: string, limits: BodyLimits): Promise<Buffer> {
  const tooLarge = new HttpError(413, 'decompressed_too_large', `decompressed body exceeds ${limits.maxDecompressedBytes} bytes`);
  if (encoding === 'identity') {
    if (body.length > limits.maxDecompressedBytes) throw tooLarge;
    return body;
  }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new HttpError(415, 'unsupported_encoding', `Content-Encoding must be gzip or identity, not "${encoding}"`);
  }
  try {
    // maxOutputLength makes zlib stop as soon as the output passes the cap: a bomb is never fully inflated.
    const options = { maxOutputLength: limits.maxDecompressedBytes };
    return body.length <= SYNC_GUNZIP_MAX_BYTES ? gunzipSync(body, options) : await gunzipAsync(body, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge;
    throw new HttpError(400, 'bad_gzip', `body is not valid gzip: ${(err as Error).message}`);
  }
}
