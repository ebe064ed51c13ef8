import { z } from 'zod';
import type { StorageAreaLike } from './storage-area';

const INSTALL_ID_KEY = 'webtrace:installId';

/** A random id for this installation: the only identity a trace carries. */
export async function getInstallId(area: StorageAreaLike, newId: () => string): Promise<string> {
  const stored = z.uuid().safeParse((await area.get(INSTALL_ID_KEY))[INSTALL_ID_KEY]);
  if (stored.success) return stored.data;
  const id = newId();
  await area.set({ [INSTALL_ID_KEY]: id });
  return id;
}
