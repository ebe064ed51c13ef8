import type { Config } from '../../schema/config';
import type { CaptureStatus, EmployeeState } from '../../schema/employee-state';
import type { RecorderSettings } from '../../schema/recorder-port';
import { matchesAny } from './match-pattern';
import { privacySettingsForPage } from './settings-for-page';
import { isPaused } from '../state/state-changes';
import { siteOf } from './site-of';
import { shotsOnPage } from '../screenshots/shots-on-page';

/**
 * The single answer to "may this page be recorded now, and how?". Every part
 * of the extension asks this. Default deny: anything not positively allowed
 * is not recorded, and the reason is said in words a person understands.
 * Precedence: the organisation's blocks beat everything; then its allowed
 * sites; then consent; then the site choice (the person's, where the
 * organisation lets them choose, else its default); then pause.
 */
export type CaptureDecision =
  | { allowed: true; status: 'recording'; site: string; settings: RecorderSettings }
  | { allowed: false; status: Exclude<CaptureStatus, 'recording'>; site: string | null; reason: string };

export interface CaptureInput {
  config: Config | null;
  /** Why capture is off as a whole (an invalid or unreadable policy), if it is. */
  configBlocked?: string | null;
  /** null when the person's settings could not be read. */
  state: EmployeeState | null;
  url: string;
  incognito: boolean;
  now: number;
}

export function decideCapture(input: CaptureInput): CaptureDecision {
  const { config, state, url } = input;
  const site = siteOf(url);
  const deny = (status: Exclude<CaptureStatus, 'recording'>, reason: string): CaptureDecision => ({
    allowed: false,
    status,
    site,
    reason,
  });
  if (!config) return deny('unavailable', 'the configuration is unavailable');
  if (input.configBlocked) return deny('unavailable', `your organisation's policy is unusable: ${input.configBlocked}`);
  if (!state) return deny('unavailable', 'your settings could not be read');
  if (input.incognito) return deny('not-allowed', 'incognito windows are never recorded');
  if (!site) return deny('not-allowed', 'only web pages (http and https) can be recorded');
  if (matchesAny(url, config.blockedSites)) return deny('not-allowed', 'your organisation never records this site');
  if (!matchesAny(url, config.sites)) return deny('not-allowed', 'your organisation does not allow recording this site');
  if (!state.consent) return deny('not-consented', 'you have not agreed to recording yet');
  if (state.consent.version < config.consentVersion) {
    return deny('not-consented', 'what is recorded has changed; please review and agree again');
  }
  if (siteChoice(config, state, site) !== 'on') {
    return deny(
      'off',
      config.employeesMayChangeSites
        ? 'you have not turned recording on for this site'
        : 'your organisation has recording off for this site',
    );
  }
  if (config.pauseAllowed && isPaused(state, input.now)) return deny('paused', 'recording is paused');
  return {
    allowed: true,
    status: 'recording',
    site,
    settings: {
      maskAllText: config.maskAllText,
      blockSelector: config.blockSelector,
      maskTextSelector: config.maskTextSelector,
      ...privacySettingsForPage(config, url),
      screenshots: shotsOnPage(config, url),
      indicator: config.recordingIndicator,
    },
  };
}

/** On or off for a site: the person's choice where they may choose, else the organisation's default. */
export function siteChoice(config: Config, state: EmployeeState, site: string): 'on' | 'off' {
  const fallback = config.captureOnByDefault ? 'on' : 'off';
  return config.employeesMayChangeSites ? (state.sites[site] ?? fallback) : fallback;
}
