import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * rrweb and the page privacy layer bundled for a plain page (window.__webtracePrivacy),
 * so a test can time them against each other in a real Chromium without the extension.
 */
const ENTRY = `
  import { record } from 'rrweb';
  import { createPagePrivacy } from './lib/privacy/page-privacy';
  import { rrwebOptions } from './lib/recorder/rrweb-options';
  (window as any).__webtracePrivacy = { record, createPagePrivacy, rrwebOptions };
`;

export async function privacyBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('../../', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    charset: 'ascii',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
