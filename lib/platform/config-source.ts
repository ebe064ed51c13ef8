import { configInForce, INITIAL_LOADED_CONFIG } from '../rules/config/config-in-force';
import { loadConfig, type LoadedConfig } from '../rules/config/load-config';
import type { PolicySource } from './policy-source';
import type { StorageAreaLike } from './storage-area';

/**
 * The configuration in force (lib/rules/config/config-in-force.ts says which), read fresh when it
 * matters (a hello, an upload run) and kept for the synchronous questions the upload scheduler asks.
 */
export interface ConfigSource {
  load(): Promise<LoadedConfig>;
  /** The last loaded configuration (the defaults until the first load). */
  current(): LoadedConfig;
}

export function createConfigSource(local: StorageAreaLike, policy: PolicySource): ConfigSource {
  let last: LoadedConfig = INITIAL_LOADED_CONFIG;
  return {
    async load() {
      last = await configInForce(await policy.get(), () => loadConfig(async (key) => (await local.get(key))[key]));
      return last;
    },
    current: () => last,
  };
}
