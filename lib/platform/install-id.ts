import { z } from 'zod';
import { ERASURE_SECRET_KEY, INSTALL_ID_KEY } from '../schema/storage-keys';
import { newErasureSecret } from './erasure-secret';
import type { StorageAreaLike } from './storage-area';

/** A random id for this installation: the only identity a trace carries. */
export async function getInstallId(area: StorageAreaLike, newId: () => string): Promise<string> {
  const stored = z.uuid().safeParse((await area.get(INSTALL_ID_KEY))[INSTALL_ID_KEY]);
  if (stored.success) return stored.data;
  const id = newId();
  await area.set({ [INSTALL_ID_KEY]: id });
  return id;
}

/**
 * A new pseudonym after the person erased their uploads: a new install id and a new erasure
 * secret, written together so the old secret is never paired with the new id.
 */
export async function startNewPseudonym(area: StorageAreaLike, newId: () => string, newSecret: () => string = newErasureSecret) {
  const pseudonym = { installId: newId(), secret: newSecret() };
  await area.set({ [INSTALL_ID_KEY]: pseudonym.installId, [ERASURE_SECRET_KEY]: pseudonym.secret });
  return pseudonym;
}
