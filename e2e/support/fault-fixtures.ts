import { test as base } from '@playwright/test';
import { openControl, type Control } from './worker-control';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { launchWithExtension, type ExtensionBrowser } from './launch-extension';
import { serveTestApp, type TestApp } from './serve-test-app';
import { startRestartableServer, type RestartableServer } from './server-process';

/**
 * The fault suite's fixtures: a real server whose process can be killed and
 * restarted, a fault-injecting proxy in front of it (the extension's
 * endpoint), the test web app, Chromium with the built extension, and an
 * extension page to control the worker from.
 */
export const test = base.extend<{ server: RestartableServer; faults: FaultProxy; app: TestApp; ext: ExtensionBrowser; control: Control }>({
  server: async ({}, use) => {
    const server = await startRestartableServer();
    await use(server);
    await server.stop();
  },
  faults: async ({ server }, use) => {
    const proxy = await startFaultProxy(server.url);
    await use(proxy);
    await proxy.close();
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
  control: async ({ ext }, use) => {
    await use(await openControl(ext));
  },
});

export { expect } from '@playwright/test';
