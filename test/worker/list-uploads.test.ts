import { describe, expect, it } from 'vitest';
import { uploadsAnswerSchema } from '../../lib/schema/extension-messages';
import { EnrolmentError } from '../../lib/upload/enrol-install';
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
  it('asks with the ingest token as bearer (the worker’s fetch adds the credential), never the erasure secret', async () => {
    const t = await setupLifecycle(server((req) => json(200, listed(idOf(req)))));
    const installId = await t.pseudonym.installId();
    const answer = uploadsAnswerSchema.parse(await t.lifecycle.listUploads());
    expect(answer).toEqual({
      installId,
      server: 'https://ingest.example.test/',
      recordings: listed(installId),
      erasedAt: null,
      detail: null,
    });
    expect(t.server.requests.map((r) => r.url)).toEqual([`https://ingest.example.test/v1/subjects/${installId}/recordings`]);
    const { ingestToken } = (await t.config.load()).config;
    const authorization = t.server.requests[0]!.headers.get('authorization');
    expect(authorization).toBe(`Bearer ${ingestToken}`);
    expect(authorization).not.toContain(await t.pseudonym.erasureSecret());
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
      'the credential is refused',
      () => json(401, { error: 'install_credential_revoked', message: 'the install credential was revoked' }),
      /did not accept this computer's credentials.*administrator.*was revoked/,
    ],
    [
      'another install’s credential',
      () => json(403, { error: 'install_credential_mismatch', message: 'the install credential is for install x' }),
      /did not accept this computer's credentials.*for install x/,
    ],
    [
      'no credential could be had',
      () => Promise.reject(new EnrolmentError('enrolment refused: install_already_enrolled: …')),
      /did not accept this computer's credentials.*enrolment refused: install_already_enrolled/,
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
