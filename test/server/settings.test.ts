import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_INGEST_TOKEN } from '../../lib/schema/config';
import { isLoopbackHost } from '../../server/settings/loopback';
import { loadSettings, SettingsError } from '../../server/settings/load-settings';

const TOKEN_A = 'ingest-token-aaaaaaaaaaaa';
const TOKEN_B = 'ingest-token-bbbbbbbbbbbb';
const READ = 'read-token-cccccccccccccc';

describe('settings', () => {
  it('install credentials: required (default) or optional, with their schedule; anything else is named', () => {
    const DAY = 24 * 3_600_000;
    expect(loadSettings([], {}).installCredentials).toEqual({
      mode: 'required',
      graceMs: DAY,
      lifetimeMs: 30 * DAY,
      rotateAfterMs: 7 * DAY,
    });
    const env = {
      WEBTRACE_INSTALL_CREDENTIALS: 'optional',
      WEBTRACE_INSTALL_CREDENTIAL_GRACE_MS: '60000',
      WEBTRACE_INSTALL_CREDENTIAL_LIFETIME_MS: '7200000',
      WEBTRACE_INSTALL_CREDENTIAL_ROTATE_AFTER_MS: '3600000',
    };
    expect(loadSettings([], env).installCredentials).toEqual({
      mode: 'optional',
      graceMs: 60_000,
      lifetimeMs: 7_200_000,
      rotateAfterMs: 3_600_000,
    });
    // Flags win over env vars, as for every setting.
    expect(
      loadSettings(['--install-credential-lifetime-ms', '9000000', '--install-credential-rotate-after-ms=8000000'], env).installCredentials,
    ).toMatchObject({ lifetimeMs: 9_000_000, rotateAfterMs: 8_000_000 });
    expect(() => loadSettings(['--install-credentials', 'sometimes'], {})).toThrow(/install credentials must be required or optional/);
    expect(() => loadSettings(['--install-credential-lifetime-ms', '30d'], {})).toThrow(
      /--install-credential-lifetime-ms \/ WEBTRACE_INSTALL_CREDENTIAL_LIFETIME_MS: the install credential lifetime must be a whole number/,
    );
    expect(() => loadSettings([], { WEBTRACE_INSTALL_CREDENTIAL_LIFETIME_MS: '1000' })).toThrow(/lifetime must be at least 60000/);
    expect(() => loadSettings([], { ...env, WEBTRACE_INSTALL_CREDENTIAL_ROTATE_AFTER_MS: '7200000' })).toThrow(
      /WEBTRACE_INSTALL_CREDENTIAL_ROTATE_AFTER_MS: the install credential rotation age must be shorter than its lifetime/,
    );
  });

  it('refuses uploads without an install credential or a consent grant by default; optional / false are explicit opt-outs', () => {
    expect(loadSettings([], {})).toMatchObject({ requireConsentReceipt: true, installCredentials: { mode: 'required' } });
    const optOut = loadSettings(['--install-credentials', 'optional'], { WEBTRACE_REQUIRE_CONSENT_RECEIPT: 'false' });
    expect(optOut).toMatchObject({ requireConsentReceipt: false, installCredentials: { mode: 'optional' } });
  });

  it('has defaults, a dev ingest token, and a read token kept in the data dir when nothing is set', () => {
    const s = loadSettings([], {});
    expect(s).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: resolve('./data'), devIngestToken: true });
    expect(s.ingestTokens).toEqual([DEV_INGEST_TOKEN]);
    // Loading settings writes nothing: main makes or reads the file (test/server/read-token-file.test.ts).
    expect(s.readTokens).toEqual([]);
    expect(s.readTokenFile).toBe(resolve('./data/read-token'));
    expect(loadSettings(['--data', '/tmp/wt-elsewhere'], {}).readTokenFile).toBe('/tmp/wt-elsewhere/read-token');
  });

  it('reads env vars, and flags win over them', () => {
    const env = {
      WEBTRACE_PORT: '9000',
      WEBTRACE_HOST: '0.0.0.0',
      WEBTRACE_DATA: '/tmp/wt-env',
      WEBTRACE_INGEST_TOKENS: ` ${TOKEN_A}, ${TOKEN_B},`,
      WEBTRACE_READ_TOKENS: READ,
      WEBTRACE_REQUIRE_CONSENT_RECEIPT: '0',
      WEBTRACE_INSTALL_CREDENTIALS: 'optional',
    };
    expect(loadSettings([], env)).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/wt-env',
      store: { kind: 'fs', dataDir: '/tmp/wt-env' },
      ingestTokens: [TOKEN_A, TOKEN_B],
      readTokens: [READ],
      exportTokens: [],
      adminTokens: [],
      requireConsentReceipt: false,
      retentionDays: 0,
      retentionSites: {},
      logLevel: 'info',
      releaseDir: null,
      network: { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 },
      caps: { maxSessionBytes: 512 * 1024 * 1024, maxInstallBytesPerDay: 1024 * 1024 * 1024 },
      installCredentials: { mode: 'optional', graceMs: 24 * 3_600_000, lifetimeMs: 30 * 24 * 3_600_000, rotateAfterMs: 7 * 24 * 3_600_000 },
      devIngestToken: false,
      readTokenFile: null,
    });
    const s = loadSettings(['--port', '0', '--host=::1', '--data', '/tmp/wt-flag', `--ingest-tokens=${TOKEN_B}`], env);
    expect(s).toMatchObject({ port: 0, host: '::1', dataDir: '/tmp/wt-flag', ingestTokens: [TOKEN_B], readTokens: [READ] });
  });

  it('refuses a non-loopback host when only the dev ingest token would be accepted', () => {
    for (const host of ['0.0.0.0', '192.168.1.5', '::', 'example.com']) {
      expect(() => loadSettings(['--host', host], {}), host).toThrow(/refusing to listen on .* dev ingest token/);
    }
    expect(loadSettings(['--host', '0.0.0.0', '--ingest-tokens', TOKEN_A], {}).host).toBe('0.0.0.0');
    expect(loadSettings(['--host', 'localhost'], {}).devIngestToken).toBe(true);
  });

  it('refuses the public dev token on a non-loopback host even when configured explicitly', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3']) {
      expect(() => loadSettings(['--host', host, '--ingest-tokens', `${TOKEN_A},${DEV_INGEST_TOKEN}`], {}), host).toThrow(
        /refusing to listen on .* public dev ingest token/,
      );
      expect(() => loadSettings([], { WEBTRACE_HOST: host, WEBTRACE_INGEST_TOKENS: DEV_INGEST_TOKEN }), host).toThrow(SettingsError);
    }
    // On loopback a developer may name it.
    expect(loadSettings(['--ingest-tokens', DEV_INGEST_TOKEN], {}).ingestTokens).toEqual([DEV_INGEST_TOKEN]);
    expect(() => loadSettings(['--read-tokens', DEV_INGEST_TOKEN], {})).toThrow(/cannot be a read token/);
  });

  it('reads the timeouts, the connection cap and the byte caps, and checks them', () => {
    const s = loadSettings(['--headers-timeout-ms', '2000', '--max-connections', '50'], {
      WEBTRACE_REQUEST_TIMEOUT_MS: '30000',
      WEBTRACE_KEEP_ALIVE_TIMEOUT_MS: '1000',
      WEBTRACE_MAX_SESSION_BYTES: '1048576',
      WEBTRACE_MAX_INSTALL_BYTES_PER_DAY: '2097152',
    });
    expect(s.network).toEqual({ headersTimeoutMs: 2000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 1000, maxConnections: 50 });
    expect(s.caps).toEqual({ maxSessionBytes: 1_048_576, maxInstallBytesPerDay: 2_097_152 });
    expect(() => loadSettings(['--headers-timeout-ms', '90000', '--request-timeout-ms', '60000'], {})).toThrow(
      /headers timeout must not be longer/,
    );
    expect(() => loadSettings(['--max-connections', '0'], {})).toThrow(
      /--max-connections \/ WEBTRACE_MAX_CONNECTIONS: the connection cap must be at least 1/,
    );
    expect(() => loadSettings(['--max-session-bytes', '1e9'], {})).toThrow(/--max-session-bytes \/ WEBTRACE_MAX_SESSION_BYTES/);
  });

  it('rejects invalid values with a message naming the setting', () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [[], { WEBTRACE_PORT: '65536' }, /--port \/ WEBTRACE_PORT: port must be 0-65535/],
      [['--port', '80a'], {}, /--port \/ WEBTRACE_PORT/],
      [['--ingest-tokens', 'short'], {}, /--ingest-tokens \/ WEBTRACE_INGEST_TOKENS: each token must be at least 16/],
      [['--ingest-tokens', TOKEN_A, '--read-tokens', TOKEN_A], {}, /both an ingest and a read token/],
      [['--prot', '1'], {}, /Unknown option '--prot'/],
      [['--log-level', 'loud'], {}, /--log-level \/ WEBTRACE_LOG_LEVEL/],
      [['extra'], {}, /positional/],
    ];
    for (const [argv, env, message] of cases) {
      expect(() => loadSettings(argv, env), argv.join(' ')).toThrow(SettingsError);
      expect(() => loadSettings(argv, env), argv.join(' ')).toThrow(message);
    }
  });

  it('never echoes a token in its error message', () => {
    expect(() => loadSettings(['--ingest-tokens', 'has space in it xxxxxxxx'], {})).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('has space') }),
    );
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.9.8.7', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '128.0.0.1', '10.0.0.1', 'localhost.example.com']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
