import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SigningKey } from './extension-id';
import { packCrx } from './pack-crx';
import { crxFileName, crxUrl, renderUpdateManifest } from './update-manifest';
import { zipDirectory } from './zip-directory';

/**
 * Signs a built extension into `<out>/crx/webtrace-<version>.crx` and points
 * `<out>/updates.xml` at it, the CRX first and the manifest last (renamed
 * into place), so a server serving `out` never offers a CRX that is not
 * there yet. Publishing a new version is running this again.
 */
export async function publishCrx(opts: {
  builtDir: string;
  key: SigningKey;
  updateUrl: string;
  outDir: string;
  /** Defaults to the built manifest's version. */
  version?: string;
}): Promise<{ crxPath: string; version: string; zipBytes: number }> {
  let version = opts.version;
  let minimumChromeVersion = '120';
  const zip = await zipDirectory(opts.builtDir, (name, bytes) => {
    if (name !== 'manifest.json') return bytes;
    const manifest = JSON.parse(bytes.toString('utf8')) as { version: string; minimum_chrome_version?: string };
    if (version) manifest.version = version;
    else version = manifest.version;
    minimumChromeVersion = manifest.minimum_chrome_version ?? '120';
    return Buffer.from(JSON.stringify(manifest));
  });
  if (!version) throw new Error(`${opts.builtDir} has no manifest.json`);
  mkdirSync(path.join(opts.outDir, 'crx'), { recursive: true });
  const crxPath = path.join(opts.outDir, 'crx', crxFileName(version));
  await packCrx(zip, opts.key, crxPath);
  const xml = renderUpdateManifest({
    extensionId: opts.key.extensionId,
    version,
    crxUrl: crxUrl(opts.updateUrl, version),
    minimumChromeVersion,
  });
  const manifestPath = path.join(opts.outDir, 'updates.xml');
  writeFileSync(`${manifestPath}.tmp`, xml);
  renameSync(`${manifestPath}.tmp`, manifestPath);
  return { crxPath, version, zipBytes: zip.length };
}
