import type { Split } from '../../lib/schema/dataset-primitives';
import type { SessionInfo } from '../store/store-reader';
import type { KeyedHash } from './keyed-hash';

export interface SplitShares {
  /** Share of sites held out entirely (test_site). */
  testSite: number;
  /** Share of the remaining contributors held out (test_task). */
  testTask: number;
}

export const DEFAULT_SHARES: SplitShares = { testSite: 0.1, testTask: 0.1 };

/**
 * Which split each install's episodes go to. A site is held out (test_site)
 * when its seeded hash falls under the share; an install with any session on
 * a held-out site goes to test_site with all its episodes, so no person's
 * episodes are split across train and a test split and train never sees a
 * held-out site. The other installs go to test_task by their salted hash, or
 * to train.
 */
export class SplitPlan {
  private constructor(
    private readonly heldOutSites: ReadonlySet<string>,
    private readonly byInstall: ReadonlyMap<string, Split>,
  ) {}

  static build(sessions: readonly SessionInfo[], hash: KeyedHash, shares: SplitShares): SplitPlan {
    const sites = new Set(sessions.map((s) => s.site));
    const heldOut = new Set([...sites].filter((site) => hash.unit('split-site', [site], false) < shares.testSite));
    const byInstall = new Map<string, Split>();
    for (const s of sessions) {
      if (heldOut.has(s.site)) byInstall.set(s.installId, 'test_site');
    }
    for (const s of sessions) {
      if (byInstall.has(s.installId)) continue;
      byInstall.set(s.installId, hash.unit('split-install', [s.installId], true) < shares.testTask ? 'test_task' : 'train');
    }
    return new SplitPlan(heldOut, byInstall);
  }

  /** The split of an episode on `site` by `installId`; null when the two rules disagree (dropped, counted). */
  splitOf(installId: string, site: string): Split | null {
    const split = this.byInstall.get(installId) ?? null;
    if (split !== 'test_site' && this.heldOutSites.has(site)) return null;
    return split;
  }
}
