import type { Config } from '../../schema/config';

/** The shots' own cap: a fifth of the local budget, at most 200 MB (about two days of shots at the defaults). */
export function shotsCapBytes(config: Pick<Config, 'localCapBytes'>): number {
  return Math.min(200 * 1024 * 1024, Math.floor(config.localCapBytes / 5));
}
