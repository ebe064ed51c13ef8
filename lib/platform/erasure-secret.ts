import { z } from 'zod';
import { ERASURE_SECRET_KEY } from '../schema/storage-keys';
import type { StorageAreaLike } from './storage-area';

const secretSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** 32 random bytes as hex: the per-install secret that authenticates "Delete my uploaded recordings". */
export function newErasureSecret(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** This install's erasure secret, created on first use (at install); a damaged one is replaced. */
export async function getErasureSecret(area: StorageAreaLike, create: () => string = newErasureSecret): Promise<string> {
  const stored = secretSchema.safeParse((await area.get(ERASURE_SECRET_KEY))[ERASURE_SECRET_KEY]);
  if (stored.success) return stored.data;
  const secret = create();
  await area.set({ [ERASURE_SECRET_KEY]: secret });
  return secret;
}
