import { describe, expect, it } from 'vitest';
import { recorderToWorkerSchema } from '../../lib/schema/recorder-port';

const key = { sessionId: '11111111-1111-4111-8111-111111111111', page: 0, seq: 3 };
const chunk = (events: unknown) => ({ kind: 'chunk', chunk: { ...key, site: 'http://a.test', url: 'http://a.test/x', events } });
const events = [{ type: 4, timestamp: 1, data: { href: 'http://a.test/x', width: 1, height: 1 } }];

describe('recorderToWorkerSchema: a chunk on the port', () => {
  it('reads events sent as JSON text as the events themselves', () => {
    const parsed = recorderToWorkerSchema.parse(chunk(JSON.stringify(events)));
    expect(parsed.kind === 'chunk' && parsed.chunk.events).toEqual(events);
  });

  it('still reads an events array', () => {
    const parsed = recorderToWorkerSchema.parse(chunk(events));
    expect(parsed.kind === 'chunk' && parsed.chunk.events).toEqual(events);
  });

  it('rejects text that is not JSON, saying so', () => {
    const result = recorderToWorkerSchema.safeParse(chunk('[{"type":4,'));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('; ')).toMatch(/events are not JSON/);
  });

  it('rejects JSON text whose events are invalid, as it rejects such an array', () => {
    expect(recorderToWorkerSchema.safeParse(chunk(JSON.stringify([{ type: 99, timestamp: 1 }]))).success).toBe(false);
    expect(recorderToWorkerSchema.safeParse(chunk(JSON.stringify([]))).success).toBe(false);
  });
});
