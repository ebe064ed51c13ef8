import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../server/settings/load-settings';
import { readTokenBanner } from '../../server/settings/read-token-banner';
import { keepReadToken } from '../../server/settings/read-token-file';
import { makeTempDir, removeDir } from './harness';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

/** What main does with the settings: the configured tokens, or the kept one. */
const readTokensOf = (argv: string[]) => {
  const s = loadSettings(argv, {});
  return s.readTokenFile === null ? { tokens: s.readTokens, kept: null } : { tokens: [], kept: keepReadToken(s.readTokenFile) };
};

describe('the read token kept in the data dir', () => {
  it('is made on the first load and the same on the next, in a file only its owner can read', async () => {
    const first = readTokensOf(['--data', dir]).kept!;
    expect(first).toMatchObject({ path: join(dir, 'read-token'), created: true });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    const second = readTokensOf(['--data', dir]).kept!;
    expect(second).toEqual({ ...first, created: false });
    expect((await readFile(first.path, 'utf8')).trim()).toBe(first.token);
  });

  it('is made in a data dir that does not exist yet', () => {
    expect(keepReadToken(join(dir, 'new', 'read-token')).created).toBe(true);
  });

  it('gives way to configured read tokens, making no file', async () => {
    expect(readTokensOf(['--data', dir, '--read-tokens', 'configured-read-token-1'])).toEqual({
      tokens: ['configured-read-token-1'],
      kept: null,
    });
    await expect(stat(join(dir, 'read-token'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is made owner-only again when the file was widened, and refused when it holds no usable token', async () => {
    const path = join(dir, 'read-token');
    const { token } = keepReadToken(path);
    await chmod(path, 0o644);
    expect(keepReadToken(path).token).toBe(token);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, 'short\n');
    expect(() => keepReadToken(path)).toThrow(/does not hold a usable read token .*delete it/);
  });

  it('is printed in a frame with the file it is kept in', () => {
    const banner = readTokenBanner(
      { token: 'tok'.repeat(15), path: '/srv/data/read-token', created: true },
      'http://127.0.0.1:8787/viewer/',
    );
    const lines = banner.split('\n');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\+-+\+$/);
    expect(lines.at(-1)).toBe(lines[0]);
    expect(banner).toContain(`|   ${'tok'.repeat(15)} `);
    expect(banner).toContain('Kept in /srv/data/read-token (only you can read it).');
    expect(banner).toContain('http://127.0.0.1:8787/viewer/');
  });
});
