import { heldCredentialSchema } from '../schema/enrolment';
import { INSTALL_CREDENTIAL_KEY } from '../schema/storage-keys';
import type { InstallCredentialStore } from '../upload/credential-fetch';
import type { StorageAreaLike } from './storage-area';

/** The install credential in storage.local (extension pages and the worker only; never a page's). Unreadable: none, enrol again. */
export function createInstallCredentialStore(area: StorageAreaLike): InstallCredentialStore {
  return {
    get: async () => {
      const parsed = heldCredentialSchema.safeParse((await area.get(INSTALL_CREDENTIAL_KEY))[INSTALL_CREDENTIAL_KEY]);
      return parsed.success ? parsed.data : null;
    },
    set: (credential) => area.set({ [INSTALL_CREDENTIAL_KEY]: credential }),
    clear: () => area.remove(INSTALL_CREDENTIAL_KEY),
  };
}
