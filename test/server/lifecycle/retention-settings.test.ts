import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../../server/settings/load-settings';
import { makeTempDir, removeDir } from '../harness';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('WEBTRACE_RETENTION_DAYS and WEBTRACE_RETENTION_FILE', () => {
  it('reads the default days and the per-site overrides', async () => {
    const file = join(dir, 'retention.json');
    await writeFile(file, JSON.stringify({ sites: { 'https://crm.example.com': 7, 'https://wiki.example.com': 0 } }));
    const s = loadSettings(['--retention-file', file], { WEBTRACE_RETENTION_DAYS: '90' });
    expect(s.retentionDays).toBe(90);
    expect(s.retentionSites).toEqual({ 'https://crm.example.com': 7, 'https://wiki.example.com': 0 });
    expect(loadSettings([], {})).toMatchObject({ retentionDays: 0, retentionSites: {} });
  });

  it('refuses bad values naming the setting or the file and field', async () => {
    expect(() => loadSettings([], { WEBTRACE_RETENTION_DAYS: '-1' })).toThrow(
      /WEBTRACE_RETENTION_DAYS: the retention in days must be a whole number/,
    );
    const file = join(dir, 'retention.json');
    await writeFile(file, JSON.stringify({ sites: { 'https://crm.example.com': 1.5 } }));
    expect(() => loadSettings([], { WEBTRACE_RETENTION_FILE: file })).toThrow(
      /RETENTION_FILE: .*sites\.https:\/\/crm\.example\.com.*whole number/,
    );
    await writeFile(file, JSON.stringify({ days: 3 }));
    expect(() => loadSettings([], { WEBTRACE_RETENTION_FILE: file })).toThrow(/RETENTION_FILE/);
  });
});
