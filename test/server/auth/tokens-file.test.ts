import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../../server/settings/load-settings';
import { makeTempDir, removeDir } from '../harness';

const INGEST = 'ingest-token-aaaaaaaaaaaa';
const READ = 'read-token-bbbbbbbbbbbbbb';
const ADMIN = 'admin-token-cccccccccccc';
const EXPORT = 'export-token-dddddddddddd';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

async function tokensFile(content: unknown): Promise<string> {
  const file = join(dir, 'tokens.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('WEBTRACE_TOKENS_FILE and the role env vars', () => {
  it('adds the file tokens to the env tokens, role by role', async () => {
    const file = await tokensFile({ ingest: ['ingest-token-from-file-1'], read: [READ], admin: [ADMIN] });
    const s = loadSettings([], {
      WEBTRACE_TOKENS_FILE: file,
      WEBTRACE_INGEST_TOKENS: INGEST,
      WEBTRACE_EXPORT_TOKENS: EXPORT,
      WEBTRACE_ADMIN_TOKENS: 'admin-token-rotated-in-0',
    });
    expect(s.ingestTokens).toEqual([INGEST, 'ingest-token-from-file-1']);
    expect(s.readTokens).toEqual([READ]);
    expect(s.exportTokens).toEqual([EXPORT]);
    expect(s.adminTokens).toEqual(['admin-token-rotated-in-0', ADMIN]);
    expect(s.readTokenFile).toBeNull();
  });

  it('refuses a token in two roles at start-up, naming the roles (file and env together)', async () => {
    const file = await tokensFile({ admin: [READ] });
    expect(() => loadSettings([], { WEBTRACE_TOKENS_FILE: file, WEBTRACE_INGEST_TOKENS: INGEST, WEBTRACE_READ_TOKENS: READ })).toThrow(
      /two roles: both a read and an admin token/,
    );
    expect(() => loadSettings([], { WEBTRACE_INGEST_TOKENS: INGEST, WEBTRACE_EXPORT_TOKENS: INGEST })).toThrow(
      /both an ingest and an export token/,
    );
  });

  it('refuses a file that is missing, not JSON, or not the expected shape, without echoing tokens', async () => {
    expect(() => loadSettings([], { WEBTRACE_TOKENS_FILE: join(dir, 'none.json') })).toThrow(/TOKENS_FILE: cannot read .*ENOENT/);
    const notJson = await tokensFile('{ingest: nope');
    expect(() => loadSettings([], { WEBTRACE_TOKENS_FILE: notJson })).toThrow(/is not JSON/);
    const shortToken = await tokensFile({ read: ['short'] });
    let message = '';
    try {
      loadSettings([], { WEBTRACE_TOKENS_FILE: shortToken });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/read\[0\]: each token must be at least 16 characters/);
    expect(message).not.toContain('"short"');
    const unknownRole = await tokensFile({ superuser: [ADMIN] });
    expect(() => loadSettings([], { WEBTRACE_TOKENS_FILE: unknownRole })).toThrow(/superuser/);
  });

  it('keeps the dev fallbacks when nothing is configured', () => {
    const s = loadSettings([], {});
    expect(s.devIngestToken).toBe(true);
    expect(s.readTokens).toEqual([]);
    expect(s.readTokenFile).toBe(resolve('./data/read-token'));
    expect(s.adminTokens).toEqual([]);
    expect(s.exportTokens).toEqual([]);
  });

  it('refuses the public dev token in any role but ingest', async () => {
    const { DEV_INGEST_TOKEN } = await import('../../../lib/schema/config');
    expect(() => loadSettings([], { WEBTRACE_ADMIN_TOKENS: DEV_INGEST_TOKEN })).toThrow(/cannot be an admin token/);
    const file = await tokensFile({ export: [DEV_INGEST_TOKEN] });
    expect(() => loadSettings([], { WEBTRACE_TOKENS_FILE: file })).toThrow(/can only be an ingest token/);
  });
});
