import { describe, expect, it, vi } from 'vitest';
import { createReadClient } from '../../server/viewer/web/api/read-client';
import { createSessionClient } from '../../server/viewer/web/api/session-client';
import { describeError, ReadApiError } from '../../server/viewer/web/api/read-api-error';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function clientAnswering(res: Response | Error) {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => {
    if (res instanceof Error) throw res;
    return res;
  });
  return { client: createReadClient({ viewerUrl: 'http://127.0.0.1:8787/viewer/', fetch }), fetch };
}

async function failure(promise: Promise<unknown>): Promise<ReadApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReadApiError);
  return err as ReadApiError;
}

describe('the read API client', () => {
  it('reads with the session cookie (same-origin credentials, no token) from the API at the server root, and parses the answer', async () => {
    const { client, fetch } = clientAnswering(json(200, { sessions: [], total: 0 }));
    expect(await client.sessions(new URLSearchParams({ limit: '1' }))).toEqual({ sessions: [], total: 0 });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:8787/v1/sessions?limit=1');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).not.toHaveProperty('Authorization');
  });

  it('signs in by sending the token once as a bearer token, signs out, and says when it is signed out', async () => {
    const calls: [string, RequestInit][] = [];
    const answers = [
      json(200, { signedIn: true, expiresAt: '2026-03-02T21:00:00.000Z' }),
      new Response(null, { status: 204 }),
      json(401, { error: 'unauthorized', message: 'missing "Authorization: Bearer <token>"' }),
    ];
    const fetch = vi.fn(async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return answers.shift()!;
    });
    const sessions = createSessionClient({ viewerUrl: 'http://127.0.0.1:8787/viewer/', fetch });
    expect(await sessions.signIn('reader-token-123456')).toEqual({ signedIn: true, expiresAt: '2026-03-02T21:00:00.000Z' });
    await sessions.signOut();
    expect(await sessions.current()).toBeNull();
    expect(calls.map(([url, init]) => [url, init.method, (init.headers as Record<string, string>).Authorization])).toEqual([
      ['http://127.0.0.1:8787/v1/viewer/session', 'POST', 'Bearer reader-token-123456'],
      ['http://127.0.0.1:8787/v1/viewer/session', 'DELETE', undefined],
      ['http://127.0.0.1:8787/v1/viewer/session', 'GET', undefined],
    ]);
  });

  it('finds the API next to the viewer, also behind a path prefix', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => json(200, { sites: [] }));
    await createReadClient({ viewerUrl: 'https://tools.example/webtrace/viewer/#/sessions/x?action=2', fetch }).sites();
    expect(fetch.mock.calls[0]![0]).toBe('https://tools.example/webtrace/v1/sites');
  });

  it('asks for events a page at a time', async () => {
    const { client, fetch } = clientAnswering(json(200, { events: [{ type: 4, timestamp: 1, data: {} }], next: null }));
    expect((await client.eventsPage('abc', 5000, 5000)).next).toBeNull();
    expect(fetch.mock.calls[0]![0]).toBe('http://127.0.0.1:8787/v1/sessions/abc/events?offset=5000&limit=5000');
  });

  it('turns a 401 into plain words that say which token is needed', async () => {
    const { client } = clientAnswering(
      json(401, { error: 'unauthorized', message: 'this endpoint needs a read token, not an ingest token' }),
    );
    const err = await failure(client.sites());
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(describeError(err)).toBe(
      'The server did not accept the reader token (it said: "this endpoint needs a read token, not an ingest token"). Sign in with a reader token: the one the server printed when it started, or one from WEBTRACE_READ_TOKENS. Ingest tokens cannot read.',
    );
  });

  it('tells a missing server, a missing session and an unexpected answer apart', async () => {
    expect(describeError(await failure(clientAnswering(new TypeError('Failed to fetch')).client.sites()))).toMatch(
      /^Could not reach the webtrace server/,
    );
    expect(
      (await failure(clientAnswering(json(404, { error: 'session_not_found', message: 'no session x' })).client.session('x'))).kind,
    ).toBe('not_found');
    const odd = await failure(clientAnswering(json(200, { sessions: 'many' })).client.sessions(new URLSearchParams()));
    expect(odd.kind).toBe('invalid_response');
    expect(odd.detail).toMatch(/sessions/);
    expect((await failure(clientAnswering(json(503, 'busy')).client.sites())).kind).toBe('server');
  });
});
