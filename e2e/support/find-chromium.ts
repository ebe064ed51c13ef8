import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

/**
 * A Chromium that can load unpacked extensions: $CHROMIUM_PATH, Debian's
 * /usr/bin/chromium, or Playwright's own download on a laptop that has one.
 * Branded Chrome (≥137) ignores --load-extension, so it is not a candidate.
 */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', safePlaywrightPath()];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
