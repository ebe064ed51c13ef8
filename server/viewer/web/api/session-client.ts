import { z } from 'zod';
import { viewerSessionSchema, type ViewerSession } from '../../../../lib/schema/read-api';
import { callApi, type ApiOptions } from './read-client';
import { ReadApiError } from './read-api-error';

/**
 * Signing in and out (server/auth/viewer-session-routes.ts). The token is sent
 * once, to be exchanged for an HttpOnly session cookie this page cannot read:
 * it is kept nowhere (no web storage, no variable outlives the call), and
 * every tab of the browser shares the session.
 */
export function createSessionClient(opts: ApiOptions) {
  const PATH = 'v1/viewer/session';
  return {
    signIn: (token: string): Promise<ViewerSession> =>
      callApi(opts, PATH, viewerSessionSchema, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }),
    signOut: async (): Promise<void> => {
      await callApi(opts, PATH, z.null(), { method: 'DELETE' });
    },
    /** The session in force, or null when the server asks for a sign-in. */
    current: async (): Promise<ViewerSession | null> => {
      try {
        return await callApi(opts, PATH, viewerSessionSchema);
      } catch (err) {
        if (err instanceof ReadApiError && err.kind === 'unauthorized') return null;
        throw err;
      }
    },
  };
}

export type SessionClient = ReturnType<typeof createSessionClient>;
