import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { readSigningKey } from '../../scripts/package/extension-id';
import { packageRelease } from '../../scripts/package/package-release';
import { publishCrx } from '../../scripts/package/publish-crx';
import { parseReleaseInput } from '../../scripts/package/read-release-input';
import { sha256sums } from '../../scripts/package/sha256sums';
import { forStore, zipDirectory } from '../../scripts/package/zip-directory';
import { INPUT } from './fixtures';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'webtrace-release-test-'));

function throwawayKey(dir: string) {
  const file = path.join(dir, 'key.pem');
  writeFileSync(file, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return readSigningKey(file);
}

function fakeBuild(dir: string, manifestKey: string): string {
  const built = path.join(dir, 'chrome-mv3');
  mkdirSync(path.join(built, 'icons'), { recursive: true });
  writeFileSync(
    path.join(built, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'x',
      version: '1.4.0',
      key: manifestKey,
      update_url: 'https://u.example/updates.xml',
      minimum_chrome_version: '120',
    }),
  );
  writeFileSync(path.join(built, 'background.js'), 'console.log(1)');
  writeFileSync(path.join(built, 'icons', 'a.png'), 'png');
  return built;
}

/** The entries of a zip, read through its central directory. */
function zipEntries(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString();
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + skip;
  }
  return out;
}

describe('package input', () => {
  it('names unknown and invalid keys, and what a deployment needs', () => {
    const bad = { ...INPUT, policy: { ...INPUT.policy, ingestEndpont: 'https://x', uploadIntervalSeconds: 5 }, extra: 1 };
    const message = (() => {
      try {
        parseReleaseInput(bad, 'org.json');
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    })();
    expect(message).toMatch(/^org.json is invalid:\n/);
    expect(message).toContain('\n  top level: Unrecognized key: "extra"');
    expect(message).toContain('\n  policy: Unrecognized key: "ingestEndpont"');
    expect(message).toContain('\n  policy.uploadIntervalSeconds: Too small');
    const { ingestToken: _t, ...noToken } = INPUT.policy;
    expect(() => parseReleaseInput({ ...INPUT, policy: noToken }, 'org.json')).toThrow(
      /needs ingestEndpoint, ingestToken and allowedSites/,
    );
    expect(parseReleaseInput(INPUT, 'org.json')).toEqual(INPUT);
  });

  it('must carry the id the signing key gives, checked before anything is built', async () => {
    const dir = tmp();
    const key = throwawayKey(dir);
    writeFileSync(path.join(dir, 'org.json'), JSON.stringify(INPUT));
    await expect(
      packageRelease({ root: process.cwd(), inputFile: path.join(dir, 'org.json'), keyFile: key.file, outDir: path.join(dir, 'out') }),
    ).rejects.toThrow(`extensionId ${INPUT.extensionId} is not the id of ${key.file} (${key.extensionId})`);
  });

  it('refuses to empty an output directory that holds no previous release', async () => {
    const dir = tmp();
    const key = throwawayKey(dir);
    writeFileSync(path.join(dir, 'org.json'), JSON.stringify({ ...INPUT, extensionId: key.extensionId }));
    await expect(
      packageRelease({ root: process.cwd(), inputFile: path.join(dir, 'org.json'), keyFile: key.file, outDir: dir }),
    ).rejects.toThrow(/is not empty and holds no previous release/);
    expect(readFileSync(path.join(dir, 'org.json'), 'utf8')).toContain(key.extensionId);
  });
});

describe('release artefacts', () => {
  it('publishes a signed CRX3 and an update manifest pointing at it, for the version asked', async () => {
    const dir = tmp();
    const key = throwawayKey(dir);
    const out = path.join(dir, 'release');
    const built = fakeBuild(dir, key.manifestKey);
    const published = await publishCrx({
      builtDir: built,
      key,
      updateUrl: 'http://127.0.0.1:8787/updates.xml',
      outDir: out,
      version: '1.4.1',
    });
    expect(published.version).toBe('1.4.1');
    const crx = readFileSync(path.join(out, 'crx', 'webtrace-1.4.1.crx'));
    expect(crx.subarray(0, 4).toString('ascii')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    const xml = new DOMParser().parseFromString(readFileSync(path.join(out, 'updates.xml'), 'utf8'), 'text/xml');
    expect(xml.getElementsByTagName('app')[0]!.getAttribute('appid')).toBe(key.extensionId);
    const check = xml.getElementsByTagName('updatecheck')[0]!;
    expect(check.getAttribute('codebase')).toBe('http://127.0.0.1:8787/crx/webtrace-1.4.1.crx');
    expect(check.getAttribute('version')).toBe('1.4.1');
    expect(check.getAttribute('prodversionmin')).toBe('120');
  });

  it('zips a build the same way every time; the store zip has no manifest key or update URL; SHA256SUMS lists every file', async () => {
    const dir = tmp();
    const built = fakeBuild(dir, 'KEY');
    const a = await zipDirectory(built, forStore);
    expect((await zipDirectory(built, forStore)).equals(a)).toBe(true);
    const store = zipEntries(a);
    expect([...store.keys()]).toEqual(['background.js', 'icons/a.png', 'manifest.json']);
    expect(JSON.parse(store.get('manifest.json')!.toString())).toEqual({
      manifest_version: 3,
      name: 'x',
      version: '1.4.0',
      minimum_chrome_version: '120',
    });
    expect(
      JSON.parse(
        zipEntries(await zipDirectory(built))
          .get('manifest.json')!
          .toString(),
      ),
    ).toMatchObject({ key: 'KEY', update_url: 'https://u.example/updates.xml' });
    const sums = sha256sums(built).trim().split('\n');
    expect(sums.map((l) => l.split('  ')[1])).toEqual(['background.js', 'icons/a.png', 'manifest.json']);
    expect(sums[0]).toMatch(/^[0-9a-f]{64} {2}background\.js$/);
  });
});
