import { bundleForPage } from './page-bundle';

/** rrweb's Replayer bundled for a plain page (window.__Replayer), to replay recorded events in a test. */
export function replayerBundle(): Promise<string> {
  return bundleForPage(`import { Replayer } from 'rrweb'; (window as any).__Replayer = Replayer;`);
}
