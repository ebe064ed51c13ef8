import { sessionFileSchema, type SessionFile } from '../../../../lib/schema/session-file';
import { formatIssues } from '../../../../lib/schema/format-issues';

/**
 * A downloaded session is a copy of the viewer page with the session's data
 * in a JSON block: double-clicking it opens the session in any browser, with
 * no server and nothing else to install. The viewer can also open it (or a
 * bare JSON export) through "Open a session file".
 */
export const DATA_ELEMENT_ID = 'webtrace-session-data';
const PLACEHOLDER = `<script type="application/json" id="${DATA_ELEMENT_ID}"></script>`;
const DATA_BLOCK = new RegExp(`<script type="application/json" id="${DATA_ELEMENT_ID}">([\\s\\S]*?)</script>`);

export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

/** JSON safe inside <script>: no "<" (so no "</script>" or "<!--"), and plain ASCII whatever the text. */
export function toInlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The viewer page `template` (as served, with an empty data block) carrying `file`. */
export function embedSessionFile(template: string, file: SessionFile): string {
  const at = template.indexOf(PLACEHOLDER);
  if (at < 0 || template.indexOf(PLACEHOLDER, at + 1) >= 0) {
    throw new SessionFileError('the viewer page has no single empty session data block to fill');
  }
  const filled = `<script type="application/json" id="${DATA_ELEMENT_ID}">${toInlineJson(file)}</script>`;
  return template.slice(0, at) + filled + template.slice(at + PLACEHOLDER.length);
}

/** The session embedded in this page, or null for the plain viewer (an empty block). */
export function embeddedSessionText(doc: Document): string | null {
  const text = doc.getElementById(DATA_ELEMENT_ID)?.textContent?.trim() ?? '';
  return text === '' ? null : text;
}

/** A file's text (a downloaded .html or a .json export) as a validated session file. */
export function parseSessionFile(text: string): SessionFile {
  const trimmed = text.trimStart();
  let json = trimmed;
  if (trimmed.startsWith('<')) {
    const match = DATA_BLOCK.exec(trimmed);
    if (!match?.[1]?.trim()) throw new SessionFileError('this HTML file does not contain a webtrace session');
    json = match[1];
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new SessionFileError('this file is not a webtrace session (it is not valid JSON)');
  }
  const parsed = sessionFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new SessionFileError(
      `this file is not a webtrace session this viewer can read (${formatIssues(parsed.error.issues, { max: 2 })})`,
    );
  }
  return parsed.data;
}

/** e.g. "webtrace-127.0.0.1-5173-2025-11-22-0814-3f0c1a52.html". */
export function sessionFileName(session: { id: string; site: string; startedAt: number }): string {
  const host =
    session.site
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'site';
  const d = new Date(session.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `webtrace-${host}-${stamp}-${session.id.slice(0, 8)}.html`;
}
