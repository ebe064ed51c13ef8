import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SigningKey } from './extension-id';

export type TargetBrowser = 'chrome' | 'edge';

/**
 * Builds the extension for one browser with the organisation's key and
 * update URL in its manifest (WEBTRACE_SIGNING_KEY, WEBTRACE_UPDATE_URL, read
 * by wxt.config.ts), into `outDir`
 * (WEBTRACE_OUT_DIR) so the development build in .output/ is left alone.
 * Returns the built directory, after checking its manifest carries both.
 */
export function buildExtension(root: string, browser: TargetBrowser, key: SigningKey, updateUrl: string, outDir: string): string {
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', browser], {
    cwd: root,
    env: { ...process.env, WEBTRACE_SIGNING_KEY: key.file, WEBTRACE_UPDATE_URL: updateUrl, WEBTRACE_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`wxt build -b ${browser} failed:\n${run.stdout}\n${run.stderr}`);
  const dir = path.join(outDir, `${browser}-mv3`);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { key?: string; update_url?: string };
  if (manifest.key !== key.manifestKey) throw new Error(`${dir}/manifest.json does not carry the key of ${key.file}`);
  if (manifest.update_url !== new URL(updateUrl).href) throw new Error(`${dir}/manifest.json does not carry the update URL ${updateUrl}`);
  return dir;
}
