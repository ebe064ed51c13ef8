import { configOverrideSchema, type Config } from '../schema/config';
import { DEFAULT_CONFIG } from './default-config';

/** Where a developer's or pilot's local override lives in `storage.local`. */
export const LOCAL_CONFIG_KEY = 'webtrace:config';

export interface LoadedConfig {
  config: Config;
  /** Where the configuration in force came from, for the popup and options page. */
  source: 'default' | 'local';
  /** Why a local override was ignored, if it was. */
  error: string | null;
}

/**
 * The one place that says which configuration is in force. A malformed local
 * override is ignored as a whole (and reported) rather than half-applied.
 */
export async function loadConfig(readLocal: (key: string) => Promise<unknown>): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    raw = await readLocal(LOCAL_CONFIG_KEY);
  } catch (err) {
    return { config: DEFAULT_CONFIG, source: 'default', error: `local configuration unreadable: ${String(err)}` };
  }
  if (raw === undefined || raw === null) return { config: DEFAULT_CONFIG, source: 'default', error: null };
  const parsed = configOverrideSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { config: DEFAULT_CONFIG, source: 'default', error: `local configuration ignored: ${where}` };
  }
  const override = parsed.data;
  return {
    config: { ...DEFAULT_CONFIG, ...override, upload: { ...DEFAULT_CONFIG.upload, ...override.upload } },
    source: 'local',
    error: null,
  };
}
