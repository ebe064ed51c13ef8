import { defineConfig } from 'wxt';
import { ICON_SIZES, iconPaths } from './lib/rules/toolbar/icon-paths';
import { readSigningKey } from './scripts/package/extension-id';
import { rrwebUntaintedFix } from './scripts/build/rrweb-untainted-fix';

/**
 * Public half of the development key: fixes the extension ID at
 * ekoclbachaclajhpilcjnngkafodjgdh on every machine (the tests and local
 * development address the extension by this ID). For development only: its
 * id is public, so never ship it to an organisation; `npm run package` builds
 * with the organisation's own key instead (WEBTRACE_SIGNING_KEY).
 */
export const DEV_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwt9BGFaIiuNjmpvkna7q37GgRpOZnnpbMpfn1336tGK4I0UsMRa6ZaIqlQw3HIGE+bM+lnFaA6KEbRAg27DJFLaGopqrM0ioM+AvCLxq9H2h27FeSjhYAqwufmvp3ql5Xalk4omV6+ppRvNHbnsZqGjvkyl7m270Yrs7WS8hAbnH6wWGbdmfovKD7roCMhsJcIWdAvEvV8reKeS6JP/SRyO7EvQwhRmNgRfNbu6YOmRLGP4hRJUHjyAxwnuYl4XWcqzfmS1YXlW1H22SKIfp9OysQnH/DwAXEzsPum82e6WwztB3DSgnGJ34B0I8YqVdxYTLO3dFAIsGkFj6uYAKiQIDAQAB';

/** A build for an organisation: its signing key's public half, so the id matches its CRX and policies. */
const signingKeyFile = process.env.WEBTRACE_SIGNING_KEY?.trim();
const manifestKey = signingKeyFile ? readSigningKey(signingKeyFile).manifestKey : DEV_EXTENSION_KEY;
/**
 * Where a self-hosted install looks for updates. Browsers use the policy's URL only for the first
 * install and every later update check goes to the manifest's update_url, so npm run package sets it.
 */
const updateUrl = process.env.WEBTRACE_UPDATE_URL?.trim() ? new URL(process.env.WEBTRACE_UPDATE_URL.trim()).href : undefined;

const manifestIcons = (name: Parameters<typeof iconPaths>[0]) =>
  Object.fromEntries(ICON_SIZES.map((size) => [size, iconPaths(name)[size].replace(/^\//, '')]));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // npm run package builds into its own directory, leaving .output/ (the development build) alone.
  outDir: process.env.WEBTRACE_OUT_DIR?.trim() || '.output',
  manifest: {
    name: 'webtrace',
    description: 'Records how you work in web apps, with your consent, to train AI agents.',
    // The version is package.json's (WXT's default); see CHANGELOG.md.
    key: manifestKey,
    ...(updateUrl ? { update_url: updateUrl } : {}),
    icons: manifestIcons('brand'),
    incognito: 'not_allowed',
    minimum_chrome_version: '120',
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'scripting', 'activeTab'],
    // The ingestion endpoint and the recorded sites are the organisation's choice (managed policy), so
    // any host may be needed; the recorder itself is registered only on sites the person turned on.
    // The literal <all_urls>: chrome.tabs.captureVisibleTab (screenshots, issue 15) refuses the
    // http/https pair. Chrome words the install warning the same for both ("all your data on all websites").
    host_permissions: ['<all_urls>'],
    // Each tab's icon shows its state (lib/worker/toolbar-state.ts); off until the worker says otherwise.
    action: { default_title: 'webtrace', default_icon: manifestIcons('off') },
    // Generated from lib/schema/policy.ts (npm run generate:policy-schema); a test keeps them equal.
    storage: { managed_schema: 'managed-schema.json' },
  },
  vite: () => ({
    // rrweb's prototype check would build throwaway iframes in every recorded page (scripts/build/rrweb-untainted-fix.ts).
    plugins: [rrwebUntaintedFix()],
    // Chromium refuses a content script that is not valid UTF-8; plain ASCII output can never trip that.
    esbuild: { charset: 'ascii' },
    build: {
      // WEBTRACE_MINIFY=false: readable names in a CPU profile (bench/profile.ts); never for a release.
      ...(process.env.WEBTRACE_MINIFY === 'false' ? { minify: false } : {}),
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
