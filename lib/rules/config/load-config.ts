import { configOverrideSchema, type Config } from '../../schema/config';
import { formatIssues } from '../../schema/format-issues';
import { LOCAL_CONFIG_KEY } from '../../schema/storage-keys';
import { DEFAULT_CONFIG } from './default-config';

export interface LoadedConfig {
  config: Config;
  /** Where the configuration in force came from, for the popup and options page. */
  source: 'policy' | 'local' | 'default';
  /** A problem that did not stop capture: an ignored local override, ignored policy keys. */
  error: string | null;
  /** Set when capture is off as a whole (an invalid or unreadable policy): the reason. */
  blocked: string | null;
  /** Policy keys that were ignored, and why. */
  policyIssues: Array<{ key: string; message: string }>;
}

/**
 * The local configuration (used when no managed policy is in force: config-in-force.ts). A malformed local
 * override is ignored as a whole (and reported) rather than half-applied.
 */
export async function loadConfig(readLocal: (key: string) => Promise<unknown>): Promise<LoadedConfig> {
  const ok = { blocked: null, policyIssues: [] };
  let raw: unknown;
  try {
    raw = await readLocal(LOCAL_CONFIG_KEY);
  } catch (err) {
    return { ...ok, config: DEFAULT_CONFIG, source: 'default', error: `local configuration unreadable: ${String(err)}` };
  }
  if (raw === undefined || raw === null) return { ...ok, config: DEFAULT_CONFIG, source: 'default', error: null };
  const parsed = configOverrideSchema.safeParse(raw);
  if (!parsed.success) {
    const where = formatIssues(parsed.error.issues, { max: Infinity, root: '(root)' });
    return { ...ok, config: DEFAULT_CONFIG, source: 'default', error: `local configuration ignored: ${where}` };
  }
  const override = parsed.data;
  return {
    ...ok,
    config: { ...DEFAULT_CONFIG, ...override, upload: { ...DEFAULT_CONFIG.upload, ...override.upload } },
    source: 'local',
    error: null,
  };
}
