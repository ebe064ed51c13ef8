import { test as base } from '@playwright/test';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { launchWithExtension, type ExtensionBrowser } from './launch-extension';
import { serveTestApp, type TestApp } from './serve-test-app';
import { startRestartableServer, type RestartableServer } from './server-process';
import { startServer, type RunningServer } from './start-server';
import { openControl, type Control } from './worker-control';

/**
 * The one fixture chain. Every test gets the test web app (pages: serve-test-app.ts) and Chromium
 * with the built extension (browser: launch-extension.ts); `test` adds an in-process ingestion
 * server (start-server.ts), `faultTest` a server process that can be killed and restarted
 * (server-process.ts) behind a fault-injecting proxy (faults: fault-proxy.ts) and an extension page
 * to control the worker from (worker-control.ts).
 */
const withBrowser = base.extend<{ app: TestApp; ext: ExtensionBrowser }>({
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

export const test = withBrowser.extend<{ server: RunningServer }>({
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
});

/** The server with the data lifecycle's settings (issue 16): an admin token, and batches need an active consent receipt. */
export const lifecycleTest = withBrowser.extend<{ server: RunningServer & { adminToken: string } }>({
  server: async ({}, use) => {
    const adminToken = `admin-${crypto.randomUUID()}`;
    const server = await startServer({ env: { WEBTRACE_ADMIN_TOKENS: adminToken, WEBTRACE_REQUIRE_CONSENT_RECEIPT: 'true' } });
    await use({ ...server, adminToken });
    await server.stop();
  },
});

/** As lifecycleTest, and uploads need a per-install credential (WEBTRACE_INSTALL_CREDENTIALS=required). */
export const enrolTest = withBrowser.extend<{ server: RunningServer & { adminToken: string } }>({
  server: async ({}, use) => {
    const adminToken = `admin-${crypto.randomUUID()}`;
    const server = await startServer({
      env: { WEBTRACE_ADMIN_TOKENS: adminToken, WEBTRACE_REQUIRE_CONSENT_RECEIPT: 'true', WEBTRACE_INSTALL_CREDENTIALS: 'required' },
    });
    await use({ ...server, adminToken });
    await server.stop();
  },
});

export const faultTest = withBrowser.extend<{ server: RestartableServer; faults: FaultProxy; control: Control }>({
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
  control: async ({ ext }, use) => {
    await use(await openControl(ext));
  },
});

export { expect } from '@playwright/test';
