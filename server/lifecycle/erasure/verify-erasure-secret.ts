import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../../../lib/schema/audit-entry';
import { bearerToken, unauthorized } from '../../auth/require-role';
import type { Store } from '../../store/store';
import { registeredSecretSha256 } from '../consent/active-grant';

/**
 * The one check of an install's erasure secret (the bearer token of the
 * person's own routes: self-erasure, the list of their uploads). Its sha256
 * must equal the one registered with the install's first consent receipt; an
 * install that registered none is refused. Throws 401, else answers the
 * audit actor (role 'install', first 8 hex of the digest, never the secret).
 */
export async function verifyErasureSecret(
  request: FastifyRequest,
  store: Pick<Store, 'consentReceipts'>,
  installId: string,
): Promise<AuditActor & { role: 'install' }> {
  const secret = bearerToken(request);
  if (secret === null)
    throw unauthorized(`missing "Authorization: Bearer <erasure secret>"; this endpoint needs the install's erasure secret`);
  const registered = registeredSecretSha256(await store.consentReceipts(installId));
  const given = createHash('sha256').update(secret, 'utf8').digest();
  // Compared as digests, in constant time.
  if (registered === null || !timingSafeEqual(given, Buffer.from(registered, 'hex'))) {
    throw unauthorized(`not the erasure secret registered for install ${installId}`);
  }
  return { role: 'install', tokenHash: given.toString('hex').slice(0, 8) };
}
