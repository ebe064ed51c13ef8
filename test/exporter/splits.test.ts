import { describe, expect, it } from 'vitest';
import { SplitPlan } from '../../exporter/plan/assign-splits';
import { KeyedHash } from '../../exporter/plan/keyed-hash';
import type { SessionInfo } from '../../exporter/store/store-reader';

const sessions: SessionInfo[] = Array.from({ length: 400 }, (_, i) => ({
  id: `s${i}`,
  installId: `install-${i % 60}`,
  site: `https://site-${(i * 7) % 20}.test`,
  startedAt: i,
  actions: 1,
  chunks: 1,
  bytes: 1,
  shots: '0',
}));

describe('SplitPlan', () => {
  const plan = SplitPlan.build(sessions, new KeyedHash('seed', Buffer.from('a salt that is long enough')), {
    testSite: 0.2,
    testTask: 0.2,
  });
  const splitOf = (s: SessionInfo) => plan.splitOf(s.installId, s.site);

  it('puts every episode of one install in one split', () => {
    const byInstall = new Map<string, Set<string | null>>();
    for (const s of sessions) byInstall.set(s.installId, (byInstall.get(s.installId) ?? new Set()).add(splitOf(s)));
    for (const [install, splits] of byInstall) expect([...splits], install).toHaveLength(1);
  });

  it('never shows train a held-out site, and uses all three splits', () => {
    const testSites = new Set(sessions.filter((s) => splitOf(s) === 'test_site').map((s) => s.site));
    const trainSites = new Set(sessions.filter((s) => splitOf(s) === 'train').map((s) => s.site));
    const heldOut = [...testSites].filter((site) => sessions.filter((s) => s.site === site).every((s) => splitOf(s) === 'test_site'));
    expect(heldOut.length).toBeGreaterThan(0);
    for (const site of heldOut) expect(trainSites.has(site)).toBe(false);
    expect(new Set(sessions.map(splitOf))).toEqual(new Set(['train', 'test_task', 'test_site']));
  });

  it('depends on the salt, not just the seed: another salt moves installs', () => {
    const other = SplitPlan.build(sessions, new KeyedHash('seed', Buffer.from('another salt, also long enough')), {
      testSite: 0,
      testTask: 0.5,
    });
    const same = SplitPlan.build(sessions, new KeyedHash('seed', Buffer.from('a salt that is long enough')), {
      testSite: 0,
      testTask: 0.5,
    });
    const diff = sessions.filter((s) => other.splitOf(s.installId, s.site) !== same.splitOf(s.installId, s.site));
    expect(diff.length).toBeGreaterThan(0);
  });

  it('refuses an episode whose site is held out while its install is not', () => {
    const heldOutSite = sessions.find((s) => splitOf(s) === 'test_site')!.site;
    const trainInstall = sessions.find((s) => splitOf(s) === 'train')!.installId;
    expect(plan.splitOf(trainInstall, heldOutSite)).toBeNull();
  });
});
