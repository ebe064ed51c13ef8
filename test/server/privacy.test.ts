import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_EVENT_TAG } from '../../lib/schema/action';
import type { Chunk } from '../../lib/schema/chunk';
import { sessionActionsSchema, sessionEventsSchema, sessionListSchema } from '../../lib/schema/read-api';
import { makeAction, makeBatch, newSessionId, SITE } from './fixtures';
import { getJson, listFiles, postBatch, useTempApp } from './harness';
import { storedText } from '../../e2e/support/stored-text';

const env = useTempApp();

/** What a device that missed everything would send: PII in the URL, the snapshot, a mutation, an input and an action. */
function leakyChunk(sessionId: string): Chunk {
  const action = makeAction('click', 1_700_000_000_003, `${SITE}/users/ada.leak%40example.com?token=leak-token-1#access_token=leak-2`);
  action.target!.name = 'Email ada.leak@example.com';
  action.target!.selectors = [{ kind: 'role', value: 'role=button[name="Email ada.leak@example.com"]', matches: 1 }];
  return {
    sessionId,
    page: 0,
    seq: 0,
    site: SITE,
    url: `${SITE}/users/48213?session=leak-session-3`,
    events: [
      { type: 4, timestamp: 1_700_000_000_000, data: { href: `${SITE}/users/48213?session=leak-session-3`, width: 1, height: 1 } },
      {
        type: 2,
        timestamp: 1_700_000_000_001,
        data: {
          node: {
            type: 0,
            id: 1,
            childNodes: [
              {
                type: 2,
                id: 2,
                tagName: 'p',
                attributes: { title: 'ada.leak@example.com' },
                childNodes: [{ type: 3, id: 3, textContent: 'Card 4111 1111 1111 1111' }],
              },
              { type: 2, id: 4, tagName: 'input', attributes: { type: 'password', value: 'leak-pass-4' }, childNodes: [] },
            ],
          },
          initialOffset: { top: 0, left: 0 },
        },
      },
      {
        type: 3,
        timestamp: 1_700_000_000_002,
        data: { source: 0, texts: [{ id: 3, value: 'SSN 123-45-6789' }], attributes: [], removes: [], adds: [] },
      },
      { type: 3, timestamp: 1_700_000_000_002, data: { source: 5, id: 4, text: 'leak-pass-4', isChecked: false } },
      { type: 5, timestamp: action.t, data: { tag: ACTION_EVENT_TAG, payload: action } },
    ],
  };
}

const LEAKS = [
  'ada.leak@example.com',
  'ada.leak%40example.com',
  'leak-token-1',
  'leak-2',
  'leak-session-3',
  '48213',
  '4111 1111 1111 1111',
  'leak-pass-4',
  '123-45-6789',
];

describe('the server scrubs again before writing (second line)', () => {
  it('writes no PII, token or never-captured value that a device let through, and serves the scrubbed data', async () => {
    const id = newSessionId();
    const res = await postBatch(env.app, makeBatch([leakyChunk(id)]));
    expect(res.statusCode).toBe(200);

    // Everything on disk, decoded: the log that acknowledged the batch and the chunk file now, the
    // session's meta and the receipt once the log is retired (on close).
    const searchDisk = async (expected: RegExp[]) => {
      const files = await listFiles(env.dir);
      for (const pattern of expected)
        expect(
          files.some((f) => pattern.test(f)),
          `${pattern} among ${files.join(', ')}`,
        ).toBe(true);
      for (const file of files) {
        const text = await storedText(join(env.dir, file));
        expect(text.length, file).toBeGreaterThan(0);
        for (const leak of LEAKS) expect(text, `${leak} in ${file}`).not.toContain(leak);
      }
    };
    await searchDisk([/^wal\/.*\.wal$/, /\/chunks\/.*\.json\.gz$/]);

    const events = sessionEventsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/events`)).json());
    const all = JSON.stringify(events);
    expect(all).toContain('[email:l]');
    expect(all).toContain('[card:l]');
    expect(all).toContain('[ssn:m]');
    expect(all).toContain('"text":"***********"');
    const [action] = sessionActionsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/actions`)).json()).actions;
    expect(action!.url).toBe(`${SITE}/users/[email:l]?token=[withheld]#[withheld]`);
    expect(action!.target!.name).toBe('Email [email:l]');
    const { sessions } = sessionListSchema.parse((await getJson(env.app, '/v1/sessions')).json());
    expect(sessions[0]!.url).toBe(`${SITE}/users/[id]?session=[withheld]`);
    await env.app.close();
    await searchDisk([/\/meta\.json$/, /^batches\/.*\.json$/]);
  });

  it('leaves clean data exactly as sent', async () => {
    const id = newSessionId();
    const chunk: Chunk = {
      sessionId: id,
      page: 0,
      seq: 0,
      site: SITE,
      url: `${SITE}/app/orders`,
      events: [
        { type: 4, timestamp: 1, data: { href: `${SITE}/app/orders`, width: 1, height: 1 } },
        { type: 5, timestamp: 2, data: { tag: ACTION_EVENT_TAG, payload: makeAction('click', 2) } },
      ],
    };
    expect((await postBatch(env.app, makeBatch([chunk]))).statusCode).toBe(200);
    expect(sessionEventsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/events`)).json())).toEqual(chunk.events);
  });
});
