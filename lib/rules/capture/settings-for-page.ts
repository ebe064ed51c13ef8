import { matchesAny } from './match-pattern';
import type { Config } from '../../schema/config';
import type { RecorderSettings } from '../../schema/recorder-port';

/**
 * The optional RecorderSettings keys for one page, from the configuration's
 * `privacy`: the value-capture rules whose sites match the URL, joined into
 * one selector. For the worker to send along with the recorder settings.
 */
export function privacySettingsForPage(
  config: Pick<Config, 'privacy'>,
  url: string,
): Required<Pick<RecorderSettings, 'valueCaptureSelector' | 'keepControlNames'>> {
  const selectors = config.privacy.captureValues.filter((rule) => matchesAny(url, rule.sites)).map((rule) => rule.selector);
  return {
    valueCaptureSelector: selectors.length ? selectors.join(', ') : null,
    keepControlNames: config.privacy.keepControlNames,
  };
}
