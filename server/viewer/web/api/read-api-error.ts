/** Why a read-API call failed, in the categories the viewer explains differently. */
export type ReadApiErrorKind = 'unauthorized' | 'not_found' | 'bad_request' | 'server' | 'network' | 'invalid_response';

export class ReadApiError extends Error {
  override name = 'ReadApiError';
  constructor(
    readonly kind: ReadApiErrorKind,
    /** HTTP status, null when there was no answer. */
    readonly status: number | null,
    /** The server's own message (or what went wrong locally). */
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export function kindOfStatus(status: number): ReadApiErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'server';
}

/** Plain words for a person, saying what happened and what to do. */
export function describeError(err: unknown): string {
  if (!(err instanceof ReadApiError)) return `Something went wrong in the viewer: ${String((err as Error)?.message ?? err)}`;
  switch (err.kind) {
    case 'unauthorized':
      return `The server did not accept the reader token (it said: "${err.detail}"). Sign in with a reader token: the one the server printed when it started, or one from WEBTRACE_READ_TOKENS. Ingest tokens cannot read.`;
    case 'not_found':
      return `The server has no such session (it said: "${err.detail}"). The link may be wrong or the session was removed.`;
    case 'bad_request':
      return `The server refused the request (it said: "${err.detail}").`;
    case 'network':
      return `Could not reach the webtrace server (${err.detail}). Check that it is running and try again.`;
    case 'invalid_response':
      return `The server answered with data this viewer does not understand (${err.detail}). The viewer and the server may be different versions: reload the page.`;
    case 'server':
      return `The server failed to answer (HTTP ${err.status}). Try again; if it keeps failing, look at the server's log.`;
  }
}
