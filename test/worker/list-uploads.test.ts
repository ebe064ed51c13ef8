import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveState } from '../../lib/platform/state-store';
import { uploadsAnswerSchema } from '../../lib/schema/extension-messages';
import { ack, json, setupLifecycle, START, type Seen } from './consent-fixtures';

const listed = (installId: string) => ({
  installId,
  groups: [
    {
      site: 'https://app.example.com',
      day: '2023-11-14',
      recordings: 3,
      firstAt: START,
      lastAt: START + 60_000,
      bytes: 1234,
      screenshots: 2,
    },
  ],
  totals: { recordings: 3, bytes: 1234, screenshots: 2 },
});
const idOf = (req: Seen) => /subjects\/([^/]+)\/recordings$/.exec(req.url)![1]!;
/** Acks receipts; answers the list request with `list`. */
const server = (list: (req: Seen) => Response | Promise<Response>) => (req: Seen) => (req.receipt ? ack(req) : list(req));

describe('My data: the uploads the server holds', () => {
  it('delivers the pending grant first, then asks with the secret as bearer, and answers the parsed list', async () => {
    const t = await setupLifecycle(server((req) => json(200, listed(idOf(req)))));
    await saveState(fakeBrowser.storage.local, { consent: { version: 1, at: START }, sites: {}, pause: null });
    await t.lifecycle.recordReceipt('grant');
    const installId = await t.pseudonym.installId();
    const answer = uploadsAnswerSchema.parse(await t.lifecycle.listUploads());
    expect(answer).toEqual({
      installId,
      server: 'https://ingest.example.test/',
      recordings: listed(installId),
      erasedAt: null,
      detail: null,
    });
    const list = t.server.requests.findIndex((r) => r.url.endsWith('/recordings'));
    expect(t.server.requests[list]!.url).toBe(`https://ingest.example.test/v1/subjects/${installId}/recordings`);
    expect(t.server.requests[list]!.headers.get('authorization')).toBe(`Bearer ${await t.pseudonym.erasureSecret()}`);
    // The grant (with the secret's hash) reached the server before the list was asked for.
    expect(t.server.requests.findIndex((r) => r.receipt?.kind === 'grant')).toBeLessThan(list);
  });

  it('an erased install: says when, lists nothing', async () => {
    const erasedAt = Date.UTC(2026, 0, 2, 3, 4, 5);
    const t = await setupLifecycle(
      server(() => json(410, { error: 'install_erased', message: `install x was erased on ${new Date(erasedAt).toISOString()}; …` })),
    );
    expect(await t.lifecycle.listUploads()).toMatchObject({ recordings: null, erasedAt, detail: null });
  });

  it.each([
    ['the server is unreachable', () => Promise.reject(new TypeError('Failed to fetch')), /could not be reached.*Try again later/],
    [
      'the secret is not known yet',
      () => json(401, { error: 'unauthorized', message: 'not the erasure secret' }),
      /key yet.*consent.*not the erasure secret/,
    ],
    ['the server fails', () => json(500, { error: 'internal', message: 'boom' }), /could not list your uploads \(HTTP 500\).*boom/],
    ['a 200 that is not a list', () => json(200, { groups: 'many' }), /not with a list/],
    ['a list of another install', () => json(200, listed('99999999-9999-4999-8999-999999999999')), /not with a list/],
  ])('%s: says what to do, with the install id still shown', async (_name, answer, words) => {
    const t = await setupLifecycle(server(answer as () => Promise<Response>));
    const result = await t.lifecycle.listUploads();
    expect(result).toMatchObject({ installId: await t.pseudonym.installId(), recordings: null, erasedAt: null });
    expect(result.detail).toMatch(words);
  });
});
