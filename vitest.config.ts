import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: "unit" (everything that needs no engine) and "engines" (tests on a real Ceph RGW
// and PostgreSQL, started once by its global setup). Vitest runs a project's global setup only when
// one of its files is selected, so `npx vitest run test/privacy` starts no engine.
const engineTests = ['test/engines/**/*.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...engineTests],
          environment: 'node',
          restoreMocks: true,
          // A timeout catches a hang, not a slow machine: 5 s was reached by tests that spawn processes under load.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'engines',
          include: engineTests,
          environment: 'node',
          restoreMocks: true,
          globalSetup: ['test/support/engines/vitest-global-setup.ts'],
          testTimeout: 60_000,
          // The pinned SDK warns once per process that releases after January 2027 need Node 22.
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      },
    ],
  },
});
