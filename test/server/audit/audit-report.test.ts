import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateStore, openStore, storeSession } from '../../../exporter/bench/generate-store';
import type { RrwebEvent } from '../../../lib/schema/rrweb-event';
import { AuditLog } from '../../../server/audit/audit-log';
import { main } from '../../../server/audit/main';
import { auditReportSchema, type AuditReport } from '../../../server/audit/report/report-schema';
import { actionEvent, makeAction } from '../fixtures';
import { makeTempDir, removeDir } from '../harness';

/** `npm run audit`: the report over a store built here, with values planted past the scrubbers, and over clean ones. */
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const DAY = Date.UTC(2026, 10, 30); // 2026-11-30
const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
const SITE = 'http://127.0.0.1:5173';

/** A page whose text, attributes and action names are given: stored as-is, as a store the scrubbers had missed would hold it. */
function pageEvents(t0: number, opts: { text?: string; title?: string; actionName?: string } = {}): RrwebEvent[] {
  const action = makeAction('click', t0 + 30, `${SITE}/app`);
  if (opts.actionName) action.target!.name = opts.actionName;
  return [
    { type: 4, timestamp: t0, data: { href: `${SITE}/app`, width: 1280, height: 720 } },
    {
      type: 2,
      timestamp: t0 + 10,
      data: {
        node: {
          type: 0,
          id: 1,
          childNodes: [
            {
              type: 2,
              id: 2,
              tagName: 'p',
              attributes: { title: opts.title ?? 'Orders' },
              childNodes: [{ type: 3, id: 3, textContent: opts.text ?? 'Order [email:l] shipped on 2026-11-30' }],
            },
          ],
        },
        initialOffset: { left: 0, top: 0 },
      },
    },
    actionEvent(action),
  ];
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; report: AuditReport | null }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (d) => (chunks.out += d));
  stderr.on('data', (d) => (chunks.err += d));
  const out = path.join(dir, 'report', 'audit.json');
  const code = await main([...args, '--out', out], { stdout, stderr, env: {}, now: () => DAY + 5 * 86_400_000 });
  const report = code === 0 || code === 3 ? auditReportSchema.parse(JSON.parse(await readFile(out, 'utf8'))) : null;
  return { code, stdout: chunks.out, stderr: chunks.err, report };
}

describe('npm run audit', () => {
  it('finds planted PII by kind, names the sessions, and exits 3', async () => {
    const store = await openStore(dir);
    const sessions = {
      email: '00000000-0000-4000-8000-000000000001',
      card: '00000000-0000-4000-8000-000000000002',
      phone: '00000000-0000-4000-8000-000000000003',
      clean: '00000000-0000-4000-8000-000000000004',
    };
    await storeSession(store, {
      sessionId: sessions.email,
      installId: INSTALL,
      site: SITE,
      events: pageEvents(DAY + 1000, { text: 'Reply to jane.doe@example.com' }),
    });
    await storeSession(store, {
      sessionId: sessions.card,
      installId: INSTALL,
      site: SITE,
      events: pageEvents(DAY + 2000, { title: 'Card 4111 1111 1111 1111' }),
    });
    await storeSession(store, {
      sessionId: sessions.phone,
      installId: INSTALL,
      site: SITE,
      events: pageEvents(DAY + 3000, { actionName: 'Call +1 415 555 0132' }),
    });
    await storeSession(store, { sessionId: sessions.clean, installId: INSTALL, site: SITE, events: pageEvents(DAY + 4000) });
    await store.close();

    const { code, stdout, report } = await run(['--from', '2026-11-30', '--to', '2026-12-01', '--data', dir]);
    expect(code).toBe(3);
    const byKind = Object.fromEntries(report!.piiScan.findings.map((f) => [f.kind, f]));
    expect(Object.keys(byKind).sort()).toEqual(['card', 'email', 'phone']);
    expect(byKind.email).toMatchObject({ hits: 1, sessions: [sessions.email] });
    expect(byKind.card).toMatchObject({ hits: 1, sessions: [sessions.card] });
    expect(byKind.phone).toMatchObject({ hits: 1, sessions: [sessions.phone] });
    expect(report!.piiScan.sessionsScanned).toBe(4);
    expect(report!.activity).toEqual([{ day: '2026-11-30', site: SITE, sessions: 4, actions: 4, bytes: expect.any(Number) }]);
    expect(stdout).toMatch(/FINDINGS/);
    expect(stdout).toContain(sessions.card);
    // The report names kinds and sessions, never the values.
    expect(JSON.stringify(report)).not.toMatch(/jane\.doe|4111 1111|415 555/);
    expect(stdout).not.toMatch(/jane\.doe|4111 1111|415 555/);
  });

  it('finds nothing in a store of clean, masked sessions, and exits 0', async () => {
    await generateStore(dir, { sessions: 8, stepsPerSession: 12, installs: 3, sites: 3, seed: 5 });
    const { code, report, stdout } = await run(['--from', '2000-01-01', '--to', '2100-01-01', '--data', dir]);
    expect(report!.piiScan.sessionsScanned).toBe(8);
    expect(report!.piiScan.stringsScanned).toBeGreaterThan(100);
    expect(report!.piiScan.findings).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('no PII found');
  });

  it('reports who read or exported, erasures and retention deletions from the log, in the period only', async () => {
    await generateStore(dir, { sessions: 2, stepsPerSession: 3, installs: 1, sites: 1, seed: 1 });
    let now = DAY;
    const log = await AuditLog.open(dir, { clock: () => now });
    await log.append({ action: 'session.read', actor: { role: 'read', tokenHash: 'aaaa1111' }, ids: ['s1'] });
    now += 1000;
    await log.append({ action: 'session.read', actor: { role: 'read', tokenHash: 'aaaa1111' }, ids: ['s2'] });
    await log.append({ action: 'session.read', actor: { role: 'read', tokenHash: 'aaaa1111' }, ids: ['s1'] });
    await log.append({ action: 'session.export', actor: { role: 'export' }, ids: ['s1', 's2', 's3'], counts: { steps: 9 } });
    await log.append({ action: 'subject.erase', actor: { role: 'admin', tokenHash: 'bbbb2222' }, ids: [INSTALL], counts: { sessions: 2 } });
    await log.append({ action: 'retention.sweep', actor: { role: 'server' }, ids: ['s9'], counts: { sessions: 1 } });
    now = DAY + 3 * 86_400_000; // outside the period
    await log.append({ action: 'session.read', actor: { role: 'read', tokenHash: 'cccc3333' }, ids: ['s1'] });

    const { report, stdout } = await run(['--from', '2026-11-30', '--to', '2026-12-01', '--data', dir]);
    expect(report!.access).toEqual([
      { role: 'read', tokenHash: 'aaaa1111', reads: 3, exports: 0, sessions: 2, firstAt: DAY, lastAt: DAY + 1000 },
      { role: 'export', reads: 0, exports: 1, sessions: 3, firstAt: DAY + 1000, lastAt: DAY + 1000 },
    ]);
    expect(report!.erasures).toMatchObject([{ ids: [INSTALL], counts: { sessions: 2 } }]);
    expect(report!.retentionDeletions).toMatchObject([{ ids: ['s9'] }]);
    expect(report!.consentReceipts).toMatchObject({ recorded: false, note: 'none recorded' });
    expect(report!.auditChain).toMatchObject({ ok: true, entries: 7 });
    expect(stdout).toContain('aaaa1111');
    expect(stdout).toMatch(/Consent receipts by version\n-+\nnone recorded/);
  });

  it('exits 3 when the audit chain is broken, naming the entry', async () => {
    const log = await AuditLog.open(dir);
    for (let i = 0; i < 3; i++) await log.append({ action: 'session.read', actor: { role: 'read' }, ids: [`s${i}`] });
    const { writeFile } = await import('node:fs/promises');
    const lines = (await readFile(log.paths.log, 'utf8')).split('\n');
    await writeFile(log.paths.log, [lines[0], lines[2], ''].join('\n'));
    const { code, stdout } = await run(['--from', '2000-01-01', '--to', '2100-01-01', '--data', dir]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/BROKEN at seq 2, line 2/);
  });

  it('refuses bad flags with exit 2, naming the flag', async () => {
    for (const [args, name] of [
      [['--to', '2026-12-01'], '--from'],
      [['--from', 'soon', '--to', '2026-12-01'], '--from'],
      [['--from', '2026-12-02', '--to', '2026-12-01'], '--to'],
      [['--from', '2026-12-01', '--to', '2026-12-02', '--expect-head', 'x'], '--expect-head'],
      [['--from', '2026-12-01', '--to', '2026-12-02', '--verbose'], '--verbose'],
    ] as const) {
      const { code, stderr } = await run([...args, '--data', dir]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toContain(name);
    }
  });
});
