import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../lib/upload/backoff';
import { batchIdFor } from '../../lib/upload/batch-id';
import { classifyFetchError, classifyResponse } from '../../lib/upload/classify-response';
import { gzip } from '../../lib/upload/gzip';
import { parseRetryAfterMs } from '../../lib/upload/retry-after';
import { parseUploadState } from '../../lib/upload/upload-state';
import { SESSION_A, SESSION_B } from '../support/builders';
import { jsonResponse } from './fake-server';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('backoffDelayMs', () => {
  it('scales the exponential ceiling by the random draw and caps at 5 minutes', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, () => 0.999999))).toEqual([1999, 3999, 7999, 15999]);
    expect(backoffDelayMs(1, () => 0)).toBe(0);
    expect(backoffDelayMs(9, () => 0.5)).toBe(150_000);
    expect(backoffDelayMs(10_000, () => 0.999999)).toBe(299_999);
  });
});

describe('batchIdFor', () => {
  const keys = [
    { sessionId: SESSION_B, page: 0, seq: 1 },
    { sessionId: SESSION_A, page: 2, seq: 0 },
  ];
  it('depends only on which keys, not their order, and fits the batchId format', async () => {
    const id = await batchIdFor(keys);
    expect(await batchIdFor([...keys].reverse())).toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await batchIdFor(keys.slice(0, 1))).not.toBe(id);
    expect(await batchIdFor([{ ...keys[0]!, seq: 2 }, keys[1]!])).not.toBe(id);
  });
});

describe('gzip', () => {
  it('produces gzip that node:zlib inflates back to the input', async () => {
    const text = JSON.stringify({ hello: 'wörld', n: [1, 2, 3] });
    expect(gunzipSync(await gzip(text)).toString('utf8')).toBe(text);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP-dates, clamps, and defaults garbage to 60 s', () => {
    expect(parseRetryAfterMs('30', NOW)).toBe(30_000);
    expect(parseRetryAfterMs(new Date(NOW + 45_000).toUTCString(), NOW)).toBe(45_000);
    expect(parseRetryAfterMs(new Date(NOW - 45_000).toUTCString(), NOW)).toBe(1_000);
    expect(parseRetryAfterMs('0', NOW)).toBe(1_000);
    expect(parseRetryAfterMs('86400', NOW)).toBe(3_600_000);
    expect(parseRetryAfterMs(null, NOW)).toBe(60_000);
    expect(parseRetryAfterMs('-5', NOW)).toBe(60_000);
    expect(parseRetryAfterMs('1.5', NOW)).toBe(60_000);
    expect(parseRetryAfterMs('tomorrow-ish', NOW)).toBe(60_000);
  });
});

describe('classifyResponse', () => {
  it('maps statuses to outcomes', async () => {
    const expected = { batchId: 'abcdefgh', chunks: 3 };
    const classify = (r: Response) => classifyResponse(r, NOW, expected);
    const receipt = { batchId: 'abcdefgh', stored: 2, duplicates: 1 };
    expect(await classify(jsonResponse(200, receipt))).toEqual({ kind: 'ok', status: 200, receipt });
    expect(await classify(new Response('', { status: 413 }))).toEqual({ kind: 'tooLarge', status: 413 });
    expect(await classify(jsonResponse(413, { error: 'session_too_large', message: 'past the cap' }))).toEqual({
      kind: 'tooLarge',
      status: 413,
      message: 'session_too_large: past the cap',
    });
    expect(await classify(jsonResponse(422, { error: 'invalid', message: 'bad seq' }))).toEqual({
      kind: 'invalid',
      status: 422,
      message: 'invalid: bad seq',
    });
    expect(await classify(new Response('<html>', { status: 400 }))).toMatchObject({ kind: 'invalid', message: 'HTTP 400' });
    expect(await classify(new Response('', { status: 403 }))).toMatchObject({ kind: 'unauthorized', status: 403 });
    // Refused for good: another install's session or batch id. Set aside like a 400, never retried for ever.
    for (const error of ['session_of_another_install', 'batch_id_reused', 'batch_id_of_another_install']) {
      expect(await classify(jsonResponse(403, { error, message: 'no' }))).toMatchObject({ kind: 'invalid', status: 403 });
    }
    expect(await classify(new Response('', { status: 429, headers: { 'Retry-After': '7' } }))).toEqual({
      kind: 'rateLimited',
      status: 429,
      retryAfterMs: 7_000,
    });
    expect(await classify(new Response('', { status: 503 }))).toMatchObject({ kind: 'retryable', status: 503 });
    // A wrong endpoint is not the data's fault: retry, never set aside.
    expect(await classify(new Response('', { status: 404 }))).toMatchObject({ kind: 'retryable', status: 404 });
  });

  it('counts a 2xx only with a receipt for this batch covering every chunk sent', async () => {
    const classify = (r: Response) => classifyResponse(r, NOW, { batchId: 'abcdefgh', chunks: 3 });
    const cases: [Response, RegExp][] = [
      [
        new Response('<html>Please sign in</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
        /200 with not a batch receipt/,
      ],
      [new Response(null, { status: 204 }), /204 with not a batch receipt/],
      [jsonResponse(200, { batchId: 'another-batch', stored: 3, duplicates: 0 }), /a receipt for another batch/],
      [jsonResponse(200, { batchId: 'abcdefgh', stored: 1, duplicates: 0 }), /a receipt for 1 chunks, not the 3 sent/],
    ];
    for (const [response, message] of cases) expect(await classify(response)).toMatchObject({ kind: 'retryable', message });
  });

  it('treats a redirect as a failure that says so (it is never followed)', async () => {
    for (const status of [301, 302, 307, 308]) {
      const outcome = await classifyResponse(new Response(null, { status, headers: { Location: 'https://login.example/' } }), NOW, {
        batchId: 'abcdefgh',
        chunks: 1,
      });
      expect(outcome).toMatchObject({ kind: 'retryable', status, message: expect.stringMatching(/redirect, which is never followed/) });
    }
  });

  it('maps thrown fetch errors to retryable', () => {
    expect(classifyFetchError(new DOMException('t', 'TimeoutError'))).toEqual({
      kind: 'retryable',
      status: null,
      message: 'request timed out',
    });
    expect(classifyFetchError(new TypeError('fetch failed'))).toMatchObject({ kind: 'retryable', message: 'network error: fetch failed' });
  });
});

describe('parseUploadState', () => {
  it('falls back to no backoff for anything that does not parse', () => {
    expect(parseUploadState({ attempt: 3, notBefore: 5 })).toEqual({ attempt: 3, notBefore: 5 });
    expect(parseUploadState(undefined)).toEqual({ attempt: 0, notBefore: 0 });
    expect(parseUploadState({ attempt: -1, notBefore: 'x' })).toEqual({ attempt: 0, notBefore: 0 });
  });
});
