import { test as base } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './launch-extension';
import { serveTestApp, type TestApp } from './serve-test-app';
import { startServer, type RunningServer } from './start-server';

/** Each test gets its own ingestion server, test web app and Chromium with the built extension. */
export const test = base.extend<{ server: RunningServer; app: TestApp; ext: ExtensionBrowser }>({
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
  app: async ({}, use) => {
    const app = await serveTestApp();
    await use(app);
    await app.close();
  },
  ext: async ({}, use, testInfo) => {
    testInfo.skip(!!process.env.WEBTRACE_SKIP_E2E, 'no Chromium on this machine (see scripts/ensure-chromium.sh)');
    const ext = await launchWithExtension();
    await use(ext);
    await ext.close();
  },
});

export { expect } from '@playwright/test';
