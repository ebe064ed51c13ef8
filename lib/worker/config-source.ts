import { loadConfig, type LoadedConfig } from '../config/load-config';
import { DEFAULT_CONFIG } from '../config/default-config';
import type { StorageAreaLike } from './storage-area';

/**
 * The configuration in force, read fresh when it matters (a hello, an upload
 * run) and kept for the synchronous questions the upload scheduler asks.
 */
export interface ConfigSource {
  load(): Promise<LoadedConfig>;
  /** The last loaded configuration (the defaults until the first load). */
  current(): LoadedConfig;
}

export function createConfigSource(local: StorageAreaLike): ConfigSource {
  let last: LoadedConfig = { config: DEFAULT_CONFIG, source: 'default', error: null };
  return {
    async load() {
      last = await loadConfig(async (key) => (await local.get(key))[key]);
      return last;
    },
    current: () => last,
  };
}
