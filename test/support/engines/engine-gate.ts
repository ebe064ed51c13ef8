import { describe, inject, it } from 'vitest';
import type { EnginesContext, EngineState, PostgresSettings, S3Settings } from './engine-settings';
import './vitest-context';

/**
 * A describe block that needs a real engine from the global setup. Engine ready: the tests run.
 * Not installed and not installable: skipped with a message, except in CI (`CI` set), where a
 * missing engine is a failing test. Installed but failed to start: a failing test, everywhere.
 */
export function describeWithCeph(name: string, body: (s3: S3Settings) => void): void {
  gate('Ceph RGW', engines()?.ceph, name, body, { endpoint: 'http://ceph.invalid', region: 'none', accessKeyId: '', secretAccessKey: '' });
}

export function describeWithPostgres(name: string, body: (pg: PostgresSettings) => void): void {
  gate('PostgreSQL', engines()?.postgres, name, body, { databaseUrl: 'postgresql://postgres.invalid/none' });
}

/** Seconds a lifecycle "day" lasts on the shared Ceph. */
export function lcDaySeconds(): number {
  return engines()?.lcDaySeconds ?? 86_400;
}

function engines(): EnginesContext | undefined {
  // Undefined when the file runs outside the engines project (no global setup provided it).
  return inject('engines') as EnginesContext | undefined;
}

function gate<T>(engine: string, state: EngineState<T> | undefined, name: string, body: (settings: T) => void, placeholder: T): void {
  if (state?.status === 'ready') {
    describe(name, () => body(state.settings));
    return;
  }
  const reason = state
    ? state.reason
    : 'no engines were provided: run this file in the Vitest project "engines" (vitest.config.ts), whose global setup starts them';
  if (state?.status === 'missing' && !process.env.CI) {
    console.warn(`SKIPPED "${name}": ${engine} is not available here. ${reason}`);
    // The body only registers tests, which do not run: the placeholder is never used.
    describe.skip(`${name} (skipped: ${engine} not available)`, () => body(placeholder));
    return;
  }
  describe(name, () => {
    it(`needs ${engine}`, () => {
      throw new Error(state?.status === 'missing' ? `CI is set, so a missing ${engine} fails: ${reason}` : reason);
    });
  });
}
