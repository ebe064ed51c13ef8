import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The component-library suite: one page per library (e2e/libs/pages/*.html),
 * built into e2e/libs/dist/ and served by the test app under /libs/.
 * JSX goes through Vite's esbuild (no React plugin); Vue templates through
 * the full Vue build, which compiles them in the browser (no Vue plugin).
 */
const pages = fileURLToPath(new URL('./pages/', import.meta.url));
const input = Object.fromEntries(
  readdirSync(pages)
    .filter((f) => f.endsWith('.html'))
    .map((f) => [f.replace(/\.html$/, ''), `${pages}${f}`]),
);

export default defineConfig({
  root: pages,
  base: '/libs/',
  publicDir: false,
  logLevel: 'warn',
  resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  esbuild: {
    jsx: 'automatic',
    // The repository's tsconfig extends WXT's generated one; these pages need none of it.
    tsconfigRaw: JSON.stringify({ compilerOptions: { target: 'es2022', jsx: 'react-jsx' } }),
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 10_000,
    rollupOptions: {
      input,
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
