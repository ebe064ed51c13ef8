import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright';
import { findChromium } from './find-chromium';

/** The built extension in a real Chromium, headless, with a fresh profile. */
export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
export const EXTENSION_ID = 'ekoclbachaclajhpilcjnngkafodjgdh';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  profileDir: string;
  extensionUrl(page: string): string;
  /** Closes this browser and starts a fresh one (new profile), e.g. after writing a managed policy. */
  relaunch(): Promise<ExtensionBrowser>;
  /** Closes this browser and starts it again on the same profile (what it stored is still there). */
  restart(): Promise<ExtensionBrowser>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Use this profile directory (e.g. to start the browser again on the data it left) instead of a
   * fresh one. The caller owns it: close() leaves it on disk.
   */
  profileDir?: string;
  /** Load this built extension instead of .output/chrome-mv3 (e.g. the Edge build). */
  extensionDir?: string;
  /** null: no viewport emulation, the page sees the real window (screenshots must match what the page reports). */
  viewport?: null;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: set CHROMIUM_PATH or run scripts/ensure-chromium.sh');
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `no built extension in ${extensionDir}: run ${extensionDir === EXTENSION_DIR ? 'npm run build' : 'npm run build:edge'}`,
    );
  }
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-profile-')));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    ...(options.viewport === null ? { viewport: null } : {}),
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  if (!worker.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) {
    throw new Error(`unexpected service worker ${worker.url()}: is the manifest key right?`);
  }
  let successor: ExtensionBrowser | null = null;
  const close = async () => {
    await context.close();
    if (ownProfile) await rm(profileDir, { recursive: true, force: true });
  };
  return {
    context,
    worker,
    profileDir,
    extensionUrl: (page) => `chrome-extension://${EXTENSION_ID}/${page}`,
    async relaunch() {
      await successor?.close();
      await close();
      successor = await launchWithExtension({ extensionDir: options.extensionDir, viewport: options.viewport });
      return successor;
    },
    async restart() {
      await successor?.close();
      await context.close();
      successor = await launchWithExtension({ profileDir, extensionDir: options.extensionDir, viewport: options.viewport });
      return successor;
    },
    async close() {
      await successor?.close();
      await close().catch(() => {}); // already closed by relaunch
    },
  };
}
