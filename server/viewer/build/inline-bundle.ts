import type { OutputAsset, OutputChunk } from 'rollup';
import type { Plugin } from 'vite';

/**
 * Folds the built script and stylesheet into index.html so the viewer is one
 * file: the server serves it as is, and a copy saved to disk (a downloaded
 * session) opens from file:// where a page cannot load module scripts.
 */
export function inlineBundle(): Plugin {
  return {
    name: 'webtrace-inline-bundle',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = Object.values(bundle).find((f): f is OutputAsset => f.type === 'asset' && f.fileName.endsWith('.html'));
      if (!html) return this.error('no HTML page in the viewer bundle');
      let text = String(html.source);
      for (const file of Object.values(bundle)) {
        if (file === html) continue;
        const name = escapeRegExp(file.fileName);
        if (file.type === 'chunk') {
          text = replaceOnce(
            text,
            new RegExp(`<script type="module" crossorigin src="[./]*${name}"></script>`),
            () => `<script type="module">${scriptSafe((file as OutputChunk).code)}</script>`,
          );
        } else if (file.fileName.endsWith('.css')) {
          text = replaceOnce(
            text,
            new RegExp(`<link rel="stylesheet" crossorigin href="[./]*${name}">`),
            () => `<style>${String(file.source).replace(/<\/style/gi, '<\\/style')}</style>`,
          );
        } else {
          return this.error(`unexpected asset ${file.fileName}: the viewer must be a single file`);
        }
        delete bundle[file.fileName];
      }
      const offset = [...text].findIndex((c) => c.charCodeAt(0) > 0x7f);
      if (offset >= 0) return this.error(`the viewer page has a non-ASCII character at ${offset}: keep it plain ASCII`);
      html.source = text;
    },
  };
}

function replaceOnce(text: string, pattern: RegExp, replacement: () => string): string {
  if (!pattern.test(text)) throw new Error(`viewer build: ${pattern} not found in index.html`);
  // A function replacement: the bundle's own "$&" or "$1" must not be read as patterns.
  return text.replace(pattern, replacement);
}

/** "</script" would end the inline script early; "<!--" can change how it is parsed. */
function scriptSafe(code: string): string {
  const safe = code.replace(/<\/script/gi, '<\\/script');
  if (safe.includes('<!--')) throw new Error('viewer build: the bundle contains "<!--", which is unsafe inline');
  return safe;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
