import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * An extension's id is fixed by its signing key: the SHA-256 of the public
 * key (DER, SubjectPublicKeyInfo), first 32 hex digits, each digit 0-f
 * written as a letter a-p. The manifest's `key` is that same public key in
 * base64, so an unpacked build, the CRX and every policy agree on the id.
 */
export function extensionIdFromPublicKey(der: Buffer): string {
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode('a'.charCodeAt(0) + parseInt(d, 16))).join('');
}

export interface SigningKey {
  /** The private key file it came from. */
  file: string;
  privateKeyPem: string;
  /** Base64 of the DER public key: the manifest's `key`. */
  manifestKey: string;
  extensionId: string;
}

/** Reads an organisation's signing key (PEM, PKCS#8 or PKCS#1 RSA), failing with a message that names the file. */
export function readSigningKey(file: string): SigningKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the signing key ${file}: ${(err as Error).message} (create one with npm run keygen)`, { cause: err });
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`it is a ${key.asymmetricKeyType} key; Chrome signs CRX3 files with RSA`);
    const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
    return { file, privateKeyPem: pem, manifestKey: der.toString('base64'), extensionId: extensionIdFromPublicKey(der) };
  } catch (err) {
    throw new Error(`${file} is not a usable private key: ${(err as Error).message}`, { cause: err });
  }
}

/** The id an unpacked build with this manifest key gets. */
export function extensionIdFromManifestKey(manifestKey: string): string {
  return extensionIdFromPublicKey(Buffer.from(manifestKey, 'base64'));
}
