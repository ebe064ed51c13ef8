import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_EXTENSION_KEY } from '../../wxt.config';
import { extensionIdFromManifestKey, readSigningKey } from '../../scripts/package/extension-id';

describe('extension id', () => {
  it('derives the development id from the development manifest key', () => {
    expect(extensionIdFromManifestKey(DEV_EXTENSION_KEY)).toBe('ekoclbachaclajhpilcjnngkafodjgdh');
  });

  it('reads a signing key file: the manifest key is its DER public key and the id derives from it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'webtrace-key-'));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = path.join(dir, 'k.pem');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const key = readSigningKey(file);
    expect(key.manifestKey).toBe(publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
    expect(key.extensionId).toMatch(/^[a-p]{32}$/);
    expect(key.extensionId).toBe(extensionIdFromManifestKey(key.manifestKey));
    expect(key.extensionId).not.toBe('ekoclbachaclajhpilcjnngkafodjgdh');
  });

  it('names the file when it is missing or not a key', () => {
    expect(() => readSigningKey('/nonexistent/k.pem')).toThrow(/cannot read the signing key \/nonexistent\/k.pem.*npm run keygen/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'webtrace-key-'));
    writeFileSync(path.join(dir, 'bad.pem'), 'not a key');
    expect(() => readSigningKey(path.join(dir, 'bad.pem'))).toThrow(/bad.pem is not a usable private key/);
  });
});
