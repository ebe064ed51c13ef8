import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { inlineBundle } from './build/inline-bundle';

/** `npm run build:viewer`: the viewer as one self-contained, plain-ASCII HTML file in server/viewer/dist/. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  esbuild: {
    // Plain ASCII output: no encoding can garble it, served or saved to disk.
    charset: 'ascii',
    // The repository's tsconfig extends WXT's generated one; the viewer needs none of it
    // (and must build even before `wxt prepare` has run).
    tsconfigRaw: JSON.stringify({ compilerOptions: { target: 'es2022', useDefineForClassFields: true } }),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    reportCompressedSize: false,
    rollupOptions: {
      output: { inlineDynamicImports: true },
      onwarn(warning, warn) {
        // Zod 4 carries /*#__PURE__*/ annotations Rollup cannot place; harmless.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  plugins: [inlineBundle()],
});
