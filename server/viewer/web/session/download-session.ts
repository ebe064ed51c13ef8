import type { Action } from '../../../../lib/schema/action';
import type { SessionSummary } from '../../../../lib/schema/read-api';
import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import { SESSION_FILE_FORMAT } from '../../../../lib/schema/session-file';
import { embedSessionFile, sessionFileName } from './session-file';

/**
 * Saves the session as a copy of this viewer page with the data inside. The
 * page is fetched again as the server sends it (not taken from the live DOM,
 * which the viewer has changed); the token is never part of it.
 */
export async function downloadSession(
  summary: SessionSummary,
  data: { actions: Action[]; events: RrwebEvent[] },
  pageUrl: string,
): Promise<void> {
  const res = await fetch(pageUrl, { cache: 'no-store' });
  if (!res.ok) throw new Error(`could not fetch the viewer page to copy (HTTP ${res.status})`);
  const html = embedSessionFile(await res.text(), {
    format: SESSION_FILE_FORMAT,
    version: 1,
    exportedAt: Date.now(),
    session: summary,
    actions: data.actions,
    events: data.events,
  });
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: sessionFileName(summary) });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the blob can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
