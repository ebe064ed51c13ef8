import type { Config } from '../../schema/config';
import type { Policy } from '../../schema/policy';

/** The defaults of the policy's `screenshots` object (lib/schema/policy.ts says them too). */
export const SCREENSHOT_DEFAULTS = { periodicSeconds: 10, perAction: true, maxWidth: 1280, quality: 0.6, maxMegabytesPerHour: 15 } as const;

/** The screenshot settings in force: null (off) unless the policy names sites. */
export function screenshotsConfig(value: Policy['screenshots']): Config['screenshots'] {
  if (!value || value === 'off') return null;
  return {
    sites: value.sites,
    periodicSeconds: value.periodicSeconds ?? SCREENSHOT_DEFAULTS.periodicSeconds,
    perAction: value.perAction ?? SCREENSHOT_DEFAULTS.perAction,
    maxWidth: value.maxWidth ?? SCREENSHOT_DEFAULTS.maxWidth,
    quality: value.quality ?? SCREENSHOT_DEFAULTS.quality,
    maxMegabytesPerHour: value.maxMegabytesPerHour ?? SCREENSHOT_DEFAULTS.maxMegabytesPerHour,
  };
}
