import { createHash, randomUUID } from 'node:crypto';
import { consentReceiptSchema, type ConsentReceipt } from '../../lib/schema/consent-receipt';
import { ENROL_ROUTE, enrolResponseSchema, INSTALL_CREDENTIAL_HEADER } from '../../lib/schema/enrolment';

/**
 * An install as a real client makes one before its first upload (issue 16): enrolled with the
 * organisation token (POST /v1/installs/enrol) and with an active consent grant on the server
 * (POST /v1/consent-receipts). Servers require both by default, so every test that posts
 * batches, shots or receipts over HTTP without the extension goes through here.
 */
export interface EnrolledInstall {
  installId: string;
  credential: string;
  /** What an upload of this install carries: the organisation token and the install's credential. */
  headers: Record<string, string>;
}

export interface IngestServer {
  url: string;
  ingestToken: string;
}

/** The consent version the helper grants; batches that name none need an active grant of any version. */
export const TEST_CONSENT_VERSION = '1';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A grant receipt like the extension's (lib/rules/consent/build-receipt.ts), for `installId`. */
export function grantReceipt(installId: string, over: Partial<ConsentReceipt> = {}): ConsentReceipt {
  return consentReceiptSchema.parse({
    receiptId: randomUUID(),
    installId,
    kind: 'grant',
    consentVersion: TEST_CONSENT_VERSION,
    consentTextSha256: sha256(`consent text v${TEST_CONSENT_VERSION}`),
    purposes: ['ai-training'],
    sitesOn: [],
    extensionVersion: '0.0.0-test',
    policyHash: null,
    at: Date.now(),
    ...over,
  });
}

async function postJson(fetchFn: typeof fetch, url: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
  const res = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url} -> ${res.status} ${await res.text()}`);
  return res.json();
}

/** Enrols `installId` (default: a new one) and posts its consent grant; throws naming the step that was refused. */
export async function enrolInstall(
  server: IngestServer,
  opts: { installId?: string; receipt?: Partial<ConsentReceipt>; fetch?: typeof fetch } = {},
): Promise<EnrolledInstall> {
  const fetchFn = opts.fetch ?? fetch;
  const installId = opts.installId ?? randomUUID();
  const auth = { authorization: `Bearer ${server.ingestToken}` };
  const issued = enrolResponseSchema.parse(
    await postJson(fetchFn, `${server.url}${ENROL_ROUTE}`, auth, { installId, extensionVersion: '0.0.0-test' }),
  );
  const headers = { ...auth, [INSTALL_CREDENTIAL_HEADER]: issued.credential };
  await postJson(fetchFn, `${server.url}/v1/consent-receipts`, headers, grantReceipt(installId, opts.receipt));
  return { installId, credential: issued.credential, headers };
}

const enrolled = new Map<string, Promise<EnrolledInstall>>();

/**
 * The same install's credential for every upload of it to one server (enrolling twice is refused
 * with 409): seeding helpers that post a session's chunks and then its shots share it. `store`
 * names what the server keeps its data in (default: its URL), so a restarted server on the same
 * data dir (a new port) is sent the credential it already holds.
 */
export function installOn(
  server: IngestServer,
  installId: string,
  store = server.url,
  consentVersion = TEST_CONSENT_VERSION,
): Promise<EnrolledInstall> {
  const key = `${store} ${server.ingestToken} ${installId}`;
  let install = enrolled.get(key);
  if (!install) {
    install = enrolInstall(server, { installId, receipt: { consentVersion } });
    enrolled.set(key, install);
    // A refused enrolment is not kept: the next call tries again and reports its own error.
    install.catch(() => enrolled.delete(key));
  }
  return install;
}
