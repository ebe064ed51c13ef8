import { Readable } from 'node:stream';
import crx3 from 'crx3';
import type { SigningKey } from './extension-id';

/**
 * Signs a zipped extension into a CRX3 file with the organisation's key
 * (crx3 1.1.x; 2.x needs Node 22). The id Chrome will give it must be the one
 * the key gives, or every policy keyed by that id would miss it.
 */
export async function packCrx(zip: Buffer, key: SigningKey, crxPath: string): Promise<void> {
  // crx3 would create (and use) a new key when the file is missing; readSigningKey has loaded it already.
  const info = (await crx3(Readable.from([zip]), { keyPath: key.file, crxPath })) as { appId?: string; newKey?: string | null };
  if (info.newKey) throw new Error(`crx3 created a new key at ${info.newKey} instead of using ${key.file}`);
  if (info.appId !== key.extensionId) throw new Error(`the CRX got id ${info.appId}, the key gives ${key.extensionId}`);
}
