import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importLayers } from './scripts/lint/import-layers.mjs';

export default tseslint.config(
  {
    ignores: ['node_modules/', '.output/', '.wxt/', 'test-results/', 'data/', '**/dist/', 'e2e/libs/pages/', 'server/viewer/web/vendor/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        // Node, the browser and the extension: one project spans all three.
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    plugins: { webtrace: { rules: { 'import-layers': importLayers } } },
    rules: {
      'webtrace/import-layers': 'error',
      // TypeScript itself checks names (tsc --noEmit runs in the suite); these rules only repeat it.
      'no-undef': 'off',
      // Literal indentation in YAML and text fixtures reads better as spaces than as {2}.
      'no-regex-spaces': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Glue that talks to untyped pages and CDP (page.evaluate, profiles): `any` is what comes back.
    files: ['test/**', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Playwright fixtures take their dependencies as a destructured first argument, `{}` when none.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
