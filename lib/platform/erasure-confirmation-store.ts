import { storedErasureConfirmationSchema, type StoredErasureConfirmation } from '../schema/consent-outbox';
import { ERASURE_CONFIRMATION_KEY } from '../schema/storage-keys';
import type { StorageAreaLike } from './storage-area';

/** The person's last erasure as the server confirmed it, for My data; anything unparsable reads as none. */
export function createErasureConfirmationStore(area: StorageAreaLike) {
  return {
    async load(): Promise<StoredErasureConfirmation | null> {
      const parsed = storedErasureConfirmationSchema.safeParse((await area.get(ERASURE_CONFIRMATION_KEY))[ERASURE_CONFIRMATION_KEY]);
      return parsed.success ? parsed.data : null;
    },
    save: (c: StoredErasureConfirmation) => area.set({ [ERASURE_CONFIRMATION_KEY]: storedErasureConfirmationSchema.parse(c) }),
  };
}
