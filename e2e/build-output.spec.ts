import { test, expect } from '@playwright/test';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { EXTENSION_DIR } from './support/launch-extension';

// Chromium refuses to load a script that is not valid UTF-8 and the extension then silently never
// starts (seen with a raw U+FFFE from a bundled dependency); plain ASCII rules that out.
test('every built script of the extension is plain ASCII', async () => {
  const files = (await readdir(EXTENSION_DIR, { recursive: true })).filter((f) => /\.(js|html)$/.test(f));
  expect(files.length).toBeGreaterThan(2);
  for (const file of files) {
    const bytes = await readFile(path.join(EXTENSION_DIR, file));
    const offender = bytes.findIndex((b) => b > 0x7f);
    expect(offender, `${file} has a non-ASCII byte at ${offender}`).toBe(-1);
  }
});
