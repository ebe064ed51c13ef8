import { readFile, writeFile } from 'node:fs/promises';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../server/audit/audit-log';
import { auditRoutes } from '../../../server/audit/audit-routes';
import { DEFAULT_PROCESSING_FACTS, type ProcessingFacts } from '../../../server/audit/processing-facts';
import { processingRecordSchema } from '../../../server/audit/processing-record';
import { installErrorHandling } from '../../../server/http/error-handler';
import { HttpError } from '../../../server/http/http-error';
import { makeTempDir, removeDir } from '../harness';

/** The admin audit routes on an app built here, behind a stub admin guard. */
let dir: string;
let app: FastifyInstance;
let log: AuditLog;
let facts: ProcessingFacts;
const ADMIN = { authorization: 'Bearer admin' };
const rejected: string[] = [];

beforeEach(async () => {
  dir = await makeTempDir();
  let now = 0;
  log = await AuditLog.open(dir, { clock: () => (now += 1000) });
  facts = DEFAULT_PROCESSING_FACTS;
  app = Fastify();
  installErrorHandling(app, (_req, code) => rejected.push(code));
  const requireAdmin = async (request: FastifyRequest) => {
    if (request.headers.authorization !== 'Bearer admin') throw new HttpError(401, 'unauthorized', 'needs an admin token');
  };
  await app.register(auditRoutes, { log, requireAdmin, processingFacts: () => facts, now: () => Date.UTC(2026, 11, 2) });
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

const get = (url: string, headers: Record<string, string> = ADMIN) => app.inject({ method: 'GET', url, headers });

describe('audit routes', () => {
  it('refuses every route without the admin guard passing', async () => {
    for (const url of ['/v1/admin/audit', '/v1/admin/audit/verify', '/v1/admin/processing-record']) {
      const res = await get(url, {});
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('lists entries by time with a limit and a next page', async () => {
    for (let i = 0; i < 5; i++)
      await log.append({ action: 'session.read', actor: { role: 'read', tokenHash: '0badc0de' }, ids: [`s${i}`] });
    const res = await get('/v1/admin/audit?from=2000&to=5000&limit=2');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.entries.map((e: { ids: string[] }) => e.ids[0])).toEqual(['s1', 's2']);
    expect(page.next).toBe(2);
    const rest = (await get(`/v1/admin/audit?from=2000&to=5000&limit=2&after=${page.next}`)).json();
    expect(rest).toMatchObject({ entries: [{ ids: ['s3'] }], next: null });
    // ISO dates work too.
    expect((await get('/v1/admin/audit?from=1970-01-01T00:00:04Z')).json().entries.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
  });

  it('answers a bad query with a 400 naming the parameter, counted', async () => {
    for (const [query, name] of [
      ['limit=0', 'limit'],
      ['from=yesterday', 'from'],
      ['from=5000&to=1000', 'from'],
      ['after=-1', 'after'],
      ['token=x', 'token'],
    ] as const) {
      const res = await get(`/v1/admin/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toBe('invalid_query');
      expect(res.json().message, query).toContain(name);
    }
    expect(rejected.filter((c) => c === 'invalid_query').length).toBe(5);
  });

  it('verifies the chain and names an edited entry', async () => {
    for (let i = 0; i < 3; i++) await log.append({ action: 'session.read', actor: { role: 'read' }, ids: [`s${i}`] });
    expect((await get('/v1/admin/audit/verify')).json()).toMatchObject({ ok: true, entries: 3 });
    const lines = (await readFile(log.paths.log, 'utf8')).replace('"s1"', '"s9"');
    await writeFile(log.paths.log, lines);
    expect((await get('/v1/admin/audit/verify')).json()).toMatchObject({ ok: false, firstBad: { seq: 1, line: 2, problem: 'hash' } });
  });

  it('builds the processing record from the facts in force', async () => {
    const before = processingRecordSchema.parse((await get('/v1/admin/processing-record')).json());
    expect(before.erasureTimeLimits[0]).toMatch(/No retention limit/);
    expect(before.generatedAt).toBe('2026-12-02T00:00:00.000Z');
    facts = {
      ...DEFAULT_PROCESSING_FACTS,
      controller: { name: 'Example GmbH', contact: 'privacy@example.com' },
      retention: { days: 90, perSite: { 'https://crm.example.com': 30 }, onDeviceDays: 7 },
      safeguards: { ...DEFAULT_PROCESSING_FACTS.safeguards, consent: { required: true, version: 3, receiptsKept: true } },
    };
    const after = processingRecordSchema.parse((await get('/v1/admin/processing-record')).json());
    expect(after.controller).toBe('Example GmbH; privacy@example.com');
    expect(after.erasureTimeLimits).toEqual(
      expect.arrayContaining([
        'Sessions are deleted 90 days after they start',
        'https://crm.example.com: deleted 30 days after they start',
      ]),
    );
    expect(after.securityMeasures.join('\n')).toContain('consent text version 3');
    expect(after.purposes).toContain(`Not for: ${DEFAULT_PROCESSING_FACTS.notFor[0]}`);
  });

  it('fails (500, logged) rather than answer a record from facts that are not valid', async () => {
    facts = { ...DEFAULT_PROCESSING_FACTS, purposes: [] };
    expect((await get('/v1/admin/processing-record')).statusCode).toBe(500);
  });
});
