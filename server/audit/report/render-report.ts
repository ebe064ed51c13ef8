import type { AuditEntry } from '../../../lib/schema/audit-entry';
import type { AuditReport } from './report-schema';

/** Sessions listed per finding before "and N more" (the JSON has them all). */
const SESSIONS_SHOWN = 10;

/** The report as text tables, for a terminal and for the .txt beside the JSON. */
export function renderReport(r: AuditReport): string {
  const out: string[] = [];
  const section = (title: string) => out.push('', title, '-'.repeat(title.length));
  out.push(`webtrace audit report, ${r.period.from} to ${r.period.to} (${r.store} store), made ${r.generatedAt}`);

  section('Activity per site and day (sessions by start, UTC)');
  out.push(
    ...table(
      ['day', 'site', 'sessions', 'actions', 'bytes'],
      r.activity.map((a) => [a.day, a.site, a.sessions, a.actions, a.bytes]),
    ),
  );
  if (r.activity.length) {
    const sum = (k: 'sessions' | 'actions' | 'bytes') => r.activity.reduce((n, a) => n + a[k], 0);
    out.push(`total: ${sum('sessions')} sessions, ${sum('actions')} actions, ${sum('bytes')} bytes`);
  }
  out.push('screenshots: not stored by this server version');

  section('Consent receipts by version');
  const versions = Object.entries(r.consentReceipts.byVersion);
  out.push(...(versions.length ? table(['version', 'receipts'], versions) : [r.consentReceipts.note]));

  section('Erasures');
  out.push(...lifecycle(r.erasures));
  section('Retention deletions');
  out.push(...lifecycle(r.retentionDeletions));

  section('Who read or exported');
  out.push(
    ...table(
      ['role', 'token', 'reads', 'exports', 'sessions', 'first', 'last'],
      r.access.map((a) => [a.role, a.tokenHash ?? '-', a.reads, a.exports, a.sessions, iso(a.firstAt), iso(a.lastAt)]),
    ),
  );

  section('PII re-scan of stored events');
  const s = r.piiScan;
  out.push(`${s.sessionsScanned} sessions, ${s.chunksScanned} chunks, ${s.stringsScanned} strings scanned`);
  if (!s.findings.length) out.push('no PII found');
  else {
    out.push('FINDINGS: every hit is a value the scrubbers let through, to fix');
    out.push(
      ...table(
        ['kind', 'hits', 'sessions'],
        s.findings.map((f) => [f.kind, f.hits, f.sessions.length]),
      ),
    );
    for (const f of s.findings) {
      const more = f.sessions.length > SESSIONS_SHOWN ? ` and ${f.sessions.length - SESSIONS_SHOWN} more` : '';
      out.push(`${f.kind}: ${f.sessions.slice(0, SESSIONS_SHOWN).join(', ')}${more}`);
    }
  }
  for (const u of s.unreadable) out.push(`unreadable: sessions/${u.sessionId}/chunks/${u.chunk}: ${u.reason}`);

  section('Audit log chain');
  const c = r.auditChain;
  out.push(c.ok ? `intact: ${c.entries} entries` : `BROKEN at seq ${c.firstBad!.seq}, line ${c.firstBad!.line}: ${c.firstBad!.message}`);
  if (c.head)
    out.push(`head: ${c.head.seq}:${c.head.hash} (keep it outside the server; --expect-head ${c.head.seq}:<hash> detects a rewrite)`);
  for (const t of c.setAside) out.push(`torn append set aside after a crash: audit/${t}`);
  return `${out.join('\n')}\n`;
}

function lifecycle(entries: readonly AuditEntry[]): string[] {
  if (!entries.length) return ['none'];
  return table(
    ['at', 'by', 'ids', 'counts'],
    entries.map((e) => [
      iso(e.at),
      `${e.actor.role}${e.actor.tokenHash ? ` ${e.actor.tokenHash}` : ''}`,
      e.ids.length <= 3 ? e.ids.join(' ') : `${e.ids.slice(0, 3).join(' ')} +${e.ids.length - 3}`,
      Object.entries(e.counts ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ]),
  );
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Left-aligned text columns; numbers right-aligned. */
function table(header: string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  if (!rows.length) return ['none'];
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)];
}
