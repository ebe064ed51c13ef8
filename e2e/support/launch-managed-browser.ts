import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright';
import { findChromium } from './find-chromium';

/**
 * Chromium as an organisation's browser: no --load-extension, extensions come
 * only from policy. Background networking stays on (with
 * --disable-background-networking the policy install never happens), and every
 * host name resolves to nothing, so it can reach only loopback addresses.
 */
export interface ManagedBrowser {
  context: BrowserContext;
  profileDir: string;
  /** The extension's service worker once it is running (after a policy install or an update). */
  waitForWorker(extensionId: string, opts?: { timeout?: number; version?: string }): Promise<Worker>;
  close(): Promise<void>;
}

export async function launchManagedBrowser(): Promise<ManagedBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: set CHROMIUM_PATH or run scripts/ensure-chromium.sh');
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-managed-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking', '--disable-component-extensions-with-background-pages'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const waitForWorker = async (extensionId: string, opts: { timeout?: number; version?: string } = {}) => {
    const deadline = Date.now() + (opts.timeout ?? 60_000);
    const isOurs = async (w: Worker) => {
      if (!w.url().startsWith(`chrome-extension://${extensionId}/`)) return false;
      if (!opts.version) return true;
      const version = await w.evaluate(() => chrome.runtime.getManifest().version).catch(() => null);
      return version === opts.version;
    };
    for (;;) {
      for (const w of context.serviceWorkers()) if (await isOurs(w)) return w;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no service worker of ${extensionId}${opts.version ? ` ${opts.version}` : ''} appeared`);
      await context.waitForEvent('serviceworker', { timeout: left }).catch(() => undefined);
    }
  };
  return {
    context,
    profileDir,
    waitForWorker,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
