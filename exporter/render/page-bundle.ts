import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./page/replay-page.ts', import.meta.url));

/** The replay page's HTML: the replayer at the top-left corner, nothing else that could show in a screenshot. */
export const REPLAY_PAGE_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><style>' +
  'html,body{margin:0;padding:0;overflow:hidden;background:#fff}' +
  '.replayer-wrapper{position:relative}' +
  '.replayer-mouse,.replayer-mouse-tail{display:none!important}' +
  '.replayer-wrapper>iframe{border:0;display:block}' +
  '</style></head><body><div id="root"></div></body></html>';

let cached: Promise<string> | null = null;

/**
 * exporter/render/page/ bundled for the browser (rrweb, the project's role and
 * name code, the observers) as one classic script, built once per process.
 */
export function replayPageScript(): Promise<string> {
  cached ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    charset: 'ascii',
    minify: false,
    logLevel: 'silent',
    // The repository's tsconfig extends WXT's generated one; the page needs none of it.
    tsconfigRaw: { compilerOptions: { target: 'es2022', useDefineForClassFields: true } },
  }).then((r) => r.outputFiles[0]!.text);
  return cached;
}
