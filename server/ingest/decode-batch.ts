import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { batchSchema, type Batch } from '../../lib/schema/batch';
import { HttpError } from '../http/http-error';
import { formatIssues } from '../util/format-issues';

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

/** Raw request body → validated batch, or an HttpError saying exactly what is wrong. */
export async function decodeBatch(body: unknown, contentEncoding: string | undefined, limits: BodyLimits): Promise<Batch> {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty_body', 'request body is empty');
  const json = await decompress(body, (contentEncoding ?? 'identity').trim().toLowerCase(), limits);

  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(json));
  } catch (err) {
    throw new HttpError(400, 'invalid_json', `body is not valid UTF-8 JSON: ${(err as Error).message}`);
  }
  const parsed = batchSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid_batch', formatIssues(parsed.error.issues));
  return parsed.data;
}

async function decompress(body: Buffer, encoding: string, limits: BodyLimits): Promise<Buffer> {
  const tooLarge = new HttpError(
    413,
    'decompressed_too_large',
    `decompressed body exceeds ${limits.maxDecompressedBytes} bytes`,
  );
  if (encoding === 'identity') {
    if (body.length > limits.maxDecompressedBytes) throw tooLarge;
    return body;
  }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new HttpError(415, 'unsupported_encoding', `Content-Encoding must be gzip or identity, not "${encoding}"`);
  }
  try {
    // maxOutputLength makes zlib stop as soon as the output passes the cap: a bomb is never fully inflated.
    return await gunzipAsync(body, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge;
    throw new HttpError(400, 'bad_gzip', `body is not valid gzip: ${(err as Error).message}`);
  }
}
