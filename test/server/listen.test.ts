import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { batchReceiptSchema } from '../../lib/schema/batch';
import { sessionEventsSchema } from '../../lib/schema/read-api';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { INGEST_TOKEN, READ_TOKEN, useTempApp } from './harness';

const env = useTempApp();

it('accepts a real gzip POST over HTTP and serves it back', async () => {
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = env.app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const id = newSessionId();
  const batch = makeBatch([makeChunk({ sessionId: id, actions: ['click', 'submit'] })]);

  const res = await fetch(`${base}/v1/batches`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${INGEST_TOKEN}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'idempotency-key': batch.batchId,
    },
    body: gzipSync(JSON.stringify(batch)),
  });
  expect(res.status).toBe(200);
  expect(batchReceiptSchema.parse(await res.json())).toEqual({ batchId: batch.batchId, stored: 1, duplicates: 0 });

  const events = await fetch(`${base}/v1/sessions/${id}/events`, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
  expect(events.headers.get('content-type')).toMatch(/^application\/json/);
  expect(sessionEventsSchema.parse(await events.json())).toEqual(batch.chunks[0]!.events);
});
