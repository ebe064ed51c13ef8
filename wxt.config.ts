import { defineConfig } from 'wxt';

/**
 * Public half of the signing key: fixes the extension ID at
 * ekoclbachaclajhpilcjnngkafodjgdh on every machine (admins' policies and the
 * tests address the extension by this ID).
 */
export const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwt9BGFaIiuNjmpvkna7q37GgRpOZnnpbMpfn1336tGK4I0UsMRa6ZaIqlQw3HIGE+bM+lnFaA6KEbRAg27DJFLaGopqrM0ioM+AvCLxq9H2h27FeSjhYAqwufmvp3ql5Xalk4omV6+ppRvNHbnsZqGjvkyl7m270Yrs7WS8hAbnH6wWGbdmfovKD7roCMhsJcIWdAvEvV8reKeS6JP/SRyO7EvQwhRmNgRfNbu6YOmRLGP4hRJUHjyAxwnuYl4XWcqzfmS1YXlW1H22SKIfp9OysQnH/DwAXEzsPum82e6WwztB3DSgnGJ34B0I8YqVdxYTLO3dFAIsGkFj6uYAKiQIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'webtrace',
    description: 'Records how you work in web apps, with your consent, to train AI agents.',
    key: EXTENSION_KEY,
    incognito: 'not_allowed',
    minimum_chrome_version: '120',
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'scripting', 'activeTab'],
    // The ingestion endpoint and the recorded sites are the organisation's choice (managed policy), so
    // any host may be needed; the recorder itself is registered only on sites the person turned on.
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'webtrace' },
    // Generated from lib/schema/policy.ts (npm run generate:policy-schema); a test keeps them equal.
    storage: { managed_schema: 'managed-schema.json' },
  },
  vite: () => ({
    // Chromium refuses a content script that is not valid UTF-8; plain ASCII output can never trip that.
    esbuild: { charset: 'ascii' },
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          // Zod 4 carries /*#__PURE__*/ annotations Rollup cannot place; harmless.
          if (warning.code === 'INVALID_ANNOTATION') return;
          warn(warning);
        },
      },
    },
  }),
});
