import { matchesAny } from '../capture/match-pattern';
import type { Config } from '../../schema/config';

/** Whether a recorded page gets screenshots: only when the policy turned them on and names its site. */
export function shotsOnPage(config: Pick<Config, 'screenshots'>, url: string): boolean {
  return config.screenshots !== null && matchesAny(url, config.screenshots.sites);
}
