import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Bundles a TypeScript entry (imports resolved from the project root) into one ASCII IIFE for a plain page. */
export async function bundleForPage(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('../../', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    charset: 'ascii',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
