/**
 * Everything a link can point at lives in the URL hash, so links work from the
 * served viewer and from a downloaded file alike, and never reach the server.
 *   #/?site=…&page=2        the session list with its filters
 *   #/sessions/<id>?action=12   a session, positioned at its action 12: the number the
 *                               list shows beside it (counted from 1; the code's indices are 0-based)
 *   #/file                  a session opened from a file
 */
export type Route =
  | { name: 'list'; params: URLSearchParams }
  | { name: 'session'; id: string; action: number | null }
  | { name: 'file'; action: number | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2) as [string?, string?];
  const params = new URLSearchParams(search);
  const session = /^\/sessions\/([^/]+)\/?$/.exec(path);
  if (session && UUID.test(decodeURIComponent(session[1]!))) {
    return { name: 'session', id: decodeURIComponent(session[1]!).toLowerCase(), action: actionParam(params) };
  }
  if (path === '/file') return { name: 'file', action: actionParam(params) };
  return { name: 'list', params };
}

function actionParam(params: URLSearchParams): number | null {
  const value = params.get('action');
  return value !== null && /^[1-9]\d{0,6}$/.test(value) ? Number(value) - 1 : null;
}

export function listHash(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `#/?${query}` : '#/';
}

/** `action`: the 0-based index; the link carries the number shown in the list. */
export function sessionHash(id: string, action: number | null = null): string {
  return `#/sessions/${encodeURIComponent(id)}${action === null ? '' : `?action=${action + 1}`}`;
}

export function fileHash(action: number | null = null): string {
  return `#/file${action === null ? '' : `?action=${action + 1}`}`;
}
