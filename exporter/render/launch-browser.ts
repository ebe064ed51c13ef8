import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

/** A Chromium for rendering: $CHROMIUM_PATH, Debian's, or the one Playwright downloaded. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', playwrightChromium()];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Headless Chromium that renders replays and never reaches the network: the
 * pages it shows are rebuilt from recorded events, and whatever they point to
 * (images, fonts) is not fetched (see the contexts' `offline`).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found: set CHROMIUM_PATH, install Debian's chromium, or run with --no-render");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-extensions',
      '--mute-audio',
    ],
  });
}
