import type { Config } from '../schema/config';
import type { RecorderSettings } from '../schema/recorder-port';
import { matchesAny } from '../config/match-pattern';

/**
 * The single answer to "may this page be recorded now, and how?". Every part
 * of the extension asks this; consent, per-site choices and admin policy will
 * extend it. Default deny: anything not positively allowed is not recorded.
 */
export type CaptureDecision =
  | { allowed: true; settings: RecorderSettings }
  | { allowed: false; reason: string };

export function decideCapture(input: { config: Config | null; url: string; incognito: boolean }): CaptureDecision {
  const { config, url } = input;
  if (!config) return { allowed: false, reason: 'configuration unavailable' };
  if (input.incognito) return { allowed: false, reason: 'incognito windows are never recorded' };
  if (!/^https?:/.test(url)) return { allowed: false, reason: 'only http and https pages are recorded' };
  if (!matchesAny(url, config.sites)) return { allowed: false, reason: 'site not enabled for capture' };
  return {
    allowed: true,
    settings: {
      maskAllText: config.maskAllText,
      blockSelector: config.blockSelector,
      maskTextSelector: config.maskTextSelector,
    },
  };
}
