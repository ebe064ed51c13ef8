import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../lib/schema/batch';
import { sessionListSchema } from '../../lib/schema/read-api';
import { actionEvent, makeAction, makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, postBatch, useTempApp } from './harness';

/** Probe, the smaller findings: implausible times, prototype keys, upper-case session ids, plain bodies. */
const env = useTempApp();
const DAY = 86_400_000;
const errorOf = (res: { json: () => unknown }) => errorBodySchema.parse(res.json());

describe('timestamps must be plausible', () => {
  it("refuses an event, an action or a drop report far from the batch's sentAt, naming the field", async () => {
    const chunk = makeChunk({ sessionId: newSessionId() });
    const sentAt = chunk.events[0]!.timestamp + 1000;
    const future = {
      ...chunk,
      events: [...chunk.events, { type: 3, timestamp: sentAt + 2 * DAY, data: { source: 4, width: 1, height: 1 } }],
    };
    let res = await postBatch(env.app, makeBatch([future], { sentAt }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({
      error: 'implausible_timestamp',
      message: expect.stringMatching(/^chunks\[0\]\.events\[3\]\.timestamp: /),
    });

    const action = {
      ...chunk,
      events: [...chunk.events, { ...actionEvent({ ...makeAction('click', sentAt), t: 1e15 }), timestamp: sentAt - 10 }],
    };
    res = await postBatch(env.app, makeBatch([action], { sentAt }));
    expect(errorOf(res).message).toMatch(/^chunks\[0\]\.events\[3\]\.data\.payload\.t: /);

    const dropped = [{ sessionId: chunk.sessionId, page: 0, fromSeq: 1, toSeq: 1, reason: 'expired', at: 0 }];
    res = await postBatch(env.app, makeBatch([chunk], { sentAt, dropped }));
    expect(errorOf(res).message).toMatch(/^dropped\[0\]\.at: /);

    res = await postBatch(env.app, makeBatch([chunk], { sentAt: Date.now() + 3 * DAY }));
    expect(errorOf(res).message).toMatch(/^sentAt: .* ahead of the server's clock/);
    expect(await listFiles(env.dir)).toEqual([]);
  });

  it('still accepts chunks that waited on the device for weeks (offline) before upload', async () => {
    const chunk = makeChunk({ sessionId: newSessionId() });
    const res = await postBatch(env.app, makeBatch([chunk], { sentAt: chunk.events[0]!.timestamp + 30 * DAY }));
    expect(res.statusCode).toBe(200);
  });
});

describe('prototype keys', () => {
  it('drops __proto__, constructor and prototype keys before anything counts or stores', async () => {
    const id = newSessionId();
    const chunk = makeChunk({ sessionId: id, actions: [] });
    const t = chunk.events[0]!.timestamp;
    const click = JSON.stringify(makeAction('click', t));
    // As a hostile client sends it: raw JSON, so the keys are own properties after parsing.
    const evil = [
      `{"type":5,"timestamp":${t},"data":{"tag":"webtrace.action","payload":${click}},"__proto__":{"data":{"tag":"webtrace.action","payload":${click}}}}`,
      `{"type":3,"timestamp":${t},"data":{"source":0,"texts":[],"attributes":[{"id":1,"attributes":{"__proto__":"x","constructor":"y","title":"ok"}}],"removes":[],"adds":[]}}`,
      `{"type":5,"timestamp":${t},"data":{"tag":"x","payload":{"constructor":{"prototype":{"polluted":true}},"keep":1}}}`,
    ];
    const batch = makeBatch([{ ...chunk, events: [chunk.events[0]!] }]);
    const text = JSON.stringify(batch).replace(/"events":\[(.*?)\]\}\]/, (_m, first: string) => `"events":[${first},${evil.join(',')}]}]`);
    const res = await postBatch(env.app, gzipSync(text));
    expect(res.statusCode, res.body).toBe(200);

    const stored = gunzipSync(await readFile(join(env.dir, 'sessions', id, 'chunks', '000000-00000000.json.gz'))).toString('utf8');
    expect(stored).not.toMatch(/__proto__|constructor|prototype|polluted/);
    expect(stored).toContain('"title":"ok"');
    expect(stored).toContain('"keep":1');
    // One click, counted once: nothing hidden behind a prototype is counted and then lost.
    const [summary] = sessionListSchema.parse((await getJson(env.app, '/v1/sessions')).json()).sessions;
    expect(summary!.actionCounts).toEqual({ click: 1 });
    expect(summary!.bytes).toBe(Buffer.byteLength(stored));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('session ids', () => {
  it('are stored and found in lower case, so a case-insensitive disk cannot merge two sessions', async () => {
    const id = newSessionId();
    const upper = id.toUpperCase();
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: upper, seq: 0 })]))).statusCode).toBe(200);
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: id, seq: 1 })]))).statusCode).toBe(200);
    const files = await listFiles(env.dir);
    expect(files.filter((f) => f.includes('/chunks/'))).toEqual([
      `sessions/${id}/chunks/000000-00000000.json.gz`,
      `sessions/${id}/chunks/000000-00000001.json.gz`,
    ]);
    expect((await getJson(env.app, `/v1/sessions/${upper}`)).json()).toMatchObject({ id });
  });
});

describe('identity (uncompressed) bodies', () => {
  it('are accepted under the same caps as gzip ones, as the README says', async () => {
    const res = await postBatch(env.app, makeBatch([makeChunk({ sessionId: newSessionId() })]), { identity: true });
    expect(res.statusCode).toBe(200);
    const big = await postBatch(env.app, Buffer.alloc(11 * 1024 * 1024, 0x20), { headers: { 'content-encoding': 'identity' } });
    expect(big.statusCode).toBe(413);
  });
});
