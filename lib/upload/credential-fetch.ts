import { errorBodySchema } from '../schema/batch';
import { CREDENTIAL_REFUSALS, INSTALL_CREDENTIAL_HEADER, type HeldCredential } from '../schema/enrolment';
import { enrolInstall, rotateCredential } from './enrol-install';

/** Where the install credential is kept (lib/platform/install-credential-store.ts: storage.local). */
export interface InstallCredentialStore {
  get(): Promise<HeldCredential | null>;
  set(credential: HeldCredential): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The requests that carry the install credential: the uploads, and My data's list of what the server holds
 * (its install id is the one the credential names). The erasure request carries its own secret instead.
 * Each match's first group is the endpoint's base path.
 */
const CREDENTIAL_ROUTES = [/^(.*)\/v1\/(?:batches|shots|consent-receipts)$/, /^(.*)\/v1\/subjects\/[^/]+\/recordings$/];

/** The endpoint a credential route is sent to (origin and base path), or null for any other request. */
function credentialBase(url: URL): string | null {
  for (const route of CREDENTIAL_ROUTES) {
    const match = route.exec(url.pathname);
    if (match) return `${url.origin}${match[1]}`;
  }
  return null;
}

export interface CredentialFetchDeps {
  fetch: typeof fetch;
  now: () => number;
  /** Read per request: "Delete my uploaded recordings" gives the install a new id, which enrols afresh. */
  installId: () => Promise<string>;
  store: InstallCredentialStore;
  extensionVersion: string;
  log: (message: string, detail?: unknown) => void;
}

/**
 * A fetch that adds the install credential to every upload (issue 16) and to My data's list,
 * enrolling first when the install holds none and rotating once rotateAfter
 * has passed. A 401 saying the credential is revoked, unknown or expired
 * drops it, enrols again and resends once. When no credential can be had the
 * fetch throws, as a network failure does: every sender keeps its data and
 * retries later; no auth failure deletes anything.
 */
export function credentialFetch(deps: CredentialFetchDeps): typeof fetch {
  // One enrolment or rotation at a time: a second enrolment of the same install would be refused (409).
  let inflight: Promise<string | null> | null = null;
  // Endpoints that answered the enrolment with 404 (a server from before credentials), for this worker's life.
  const noEnrolment = new Set<string>();
  const credentialFor = async (base: string, authorization: string, fresh: boolean): Promise<string | null> => {
    if (noEnrolment.has(base)) return null;
    inflight ??= obtain(deps, base, authorization, fresh).finally(() => (inflight = null));
    const credential = await inflight;
    if (credential === null) noEnrolment.add(base);
    return credential;
  };

  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const base = credentialBase(url);
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const authorization = headers.Authorization ?? headers.authorization;
    if (base === null || authorization === undefined) return deps.fetch(input, init);
    const send = (credential: string | null) =>
      deps.fetch(input, { ...init, headers: credential === null ? headers : { ...headers, [INSTALL_CREDENTIAL_HEADER]: credential } });
    const response = await send(await credentialFor(base, authorization, false));
    if (!(await isCredentialRefusal(response))) return response;
    deps.log('the server refused the install credential: enrolling again');
    await deps.store.clear();
    return send(await credentialFor(base, authorization, true));
  };
}

async function obtain(deps: CredentialFetchDeps, base: string, authorization: string, fresh: boolean): Promise<string | null> {
  const installId = await deps.installId();
  const held = fresh ? null : await deps.store.get();
  const io = { fetch: deps.fetch, base, authorization };
  if (held !== null && held.installId === installId && deps.now() < held.expiresAt) {
    if (deps.now() < held.rotateAfter) return held.credential;
    const next = await rotateCredential(io, held);
    if (next.kind === 'issued') {
      await deps.store.set(next.credential);
      return next.credential.credential;
    }
    // Not refused: the one held still works until it expires; rotation is tried again on the next upload.
    if (next.kind === 'failed') return held.credential;
  }
  const issued = await enrolInstall(io, { installId, extensionVersion: deps.extensionVersion });
  if (issued === null) return null;
  await deps.store.set(issued);
  return issued.credential;
}

/** A 401 with one of the server's credential codes (a proxy's 401 is not one: the data is retried as before). */
async function isCredentialRefusal(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = errorBodySchema.safeParse(
    await response
      .clone()
      .json()
      .catch(() => null),
  );
  return body.success && (CREDENTIAL_REFUSALS as readonly string[]).includes(body.data.error);
}
