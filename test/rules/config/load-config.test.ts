import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/rules/config/default-config';
import { loadConfig } from '../../../lib/rules/config/load-config';
import { LOCAL_CONFIG_KEY } from '../../../lib/schema/storage-keys';

const reader = (value: unknown) => async (key: string) => (key === LOCAL_CONFIG_KEY ? value : undefined);

describe('loadConfig', () => {
  it('uses the defaults when there is no local configuration', async () => {
    expect(await loadConfig(reader(undefined))).toEqual({
      config: DEFAULT_CONFIG,
      source: 'default',
      error: null,
      blocked: null,
      policyIssues: [],
    });
  });

  it('merges a local override key by key, including nested upload settings', async () => {
    const { config, source } = await loadConfig(reader({ endpoint: 'http://127.0.0.1:9999', upload: { delayMs: 10 } }));
    expect(source).toBe('local');
    expect(config.endpoint).toBe('http://127.0.0.1:9999');
    expect(config.upload).toEqual({ ...DEFAULT_CONFIG.upload, delayMs: 10 });
    expect(config.sites).toEqual(DEFAULT_CONFIG.sites);
  });

  it('ignores an invalid override as a whole and says which key was wrong', async () => {
    const loaded = await loadConfig(reader({ endpoint: 'ftp://x', upload: { delayMs: -1 } }));
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.error).toMatch(/endpoint/);
    expect(loaded.error).toMatch(/upload\.delayMs/);
  });

  it('falls back to the defaults when storage cannot be read', async () => {
    const loaded = await loadConfig(async () => {
      throw new Error('boom');
    });
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.error).toMatch(/boom/);
  });
});
