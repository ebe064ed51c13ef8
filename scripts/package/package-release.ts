import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildExtension } from './build-extension';
import { listFiles } from './list-files';
import { readSigningKey } from './extension-id';
import { publishCrx } from './publish-crx';
import { readReleaseInput } from './read-release-input';
import { renderPolicies } from './render-policies';
import { sha256sums } from './sha256sums';
import { forStore, zipDirectory } from './zip-directory';

export interface PackageOptions {
  root: string;
  inputFile: string;
  keyFile: string;
  outDir: string;
}

/**
 * `npm run package`: builds Chrome and Edge with the organisation's key, then
 * writes the store zips, the signed CRX and its update manifest, every
 * policy file, and SHA256SUMS into `outDir`.
 */
export async function packageRelease(
  opts: PackageOptions,
): Promise<{ extensionId: string; version: string; files: Array<{ file: string; bytes: number }> }> {
  const input = readReleaseInput(opts.inputFile);
  const key = readSigningKey(opts.keyFile);
  if (input.extensionId !== key.extensionId) {
    throw new Error(`${opts.inputFile}: extensionId ${input.extensionId} is not the id of ${opts.keyFile} (${key.extensionId})`);
  }
  prepareOutDir(opts.outDir);
  const buildDir = mkdtempSync(path.join(os.tmpdir(), 'webtrace-package-'));
  try {
    const chrome = buildExtension(opts.root, 'chrome', key, input.updateUrl, buildDir);
    const edge = buildExtension(opts.root, 'edge', key, input.updateUrl, buildDir);
    const { version } = await publishCrx({ builtDir: chrome, key, updateUrl: input.updateUrl, outDir: opts.outDir });

    const stores = path.join(opts.outDir, 'stores');
    mkdirSync(path.join(stores, 'assets'), { recursive: true });
    writeFileSync(path.join(stores, `webtrace-${version}-chrome-web-store.zip`), await zipDirectory(chrome, forStore));
    writeFileSync(path.join(stores, `webtrace-${version}-edge-addons.zip`), await zipDirectory(edge, forStore));
    for (const asset of readdirSync(path.join(opts.root, 'store-assets'))) {
      copyFileSync(path.join(opts.root, 'store-assets', asset), path.join(stores, 'assets', asset));
    }

    for (const [name, content] of renderPolicies(input)) {
      const file = path.join(opts.outDir, 'policies', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    writeFileSync(path.join(opts.outDir, 'SHA256SUMS'), sha256sums(opts.outDir));
    const files = listFiles(opts.outDir).map((file) => ({ file, bytes: statSync(path.join(opts.outDir, file)).size }));
    return { extensionId: key.extensionId, version, files };
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

/** Empties a previous release; refuses any other non-empty directory (a mistyped --out must not wipe it). */
function prepareOutDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes('SHA256SUMS')) {
      throw new Error(`${dir} is not empty and holds no previous release (no SHA256SUMS): choose another --out`);
    }
    for (const e of entries) rmSync(path.join(dir, e), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}
