import { getErasureSecret, newErasureSecret } from './erasure-secret';
import { getInstallId, startNewPseudonym } from './install-id';
import type { StorageAreaLike } from './storage-area';

/**
 * This install's pseudonym: its random id and its erasure secret, each read (or created) once and
 * remembered, so concurrent first reads cannot create two. `renew` replaces both after an erasure.
 */
export function createPseudonym(area: StorageAreaLike, newId: () => string, newSecret: () => string = newErasureSecret) {
  let id: Promise<string> | null = null;
  let secret: Promise<string> | null = null;
  return {
    installId: () => (id ??= getInstallId(area, newId)),
    erasureSecret: () => (secret ??= getErasureSecret(area, newSecret)),
    async renew(): Promise<{ installId: string }> {
      const next = await startNewPseudonym(area, newId, newSecret);
      id = Promise.resolve(next.installId);
      secret = Promise.resolve(next.secret);
      return { installId: next.installId };
    },
  };
}
export type Pseudonym = ReturnType<typeof createPseudonym>;
