import type { ShotRegionsReport } from '../../schema/shot-regions';

/** How far (CSS px) anything may move between a shot's two reports. */
export const MAX_DRIFT_PX = 1;

/**
 * Why the capture between two reports must be discarded undecoded, or null
 * when the page held still: the same viewport, the same scroll and the same
 * regions within 1 px, and no change flagged by the page.
 */
export function reportsDiffer(before: ShotRegionsReport, after: ShotRegionsReport): string | null {
  if (after.changed) return 'the page changed during the capture';
  if (after.refused) return `after the capture: ${after.refused}`;
  if (before.viewport.width !== after.viewport.width || before.viewport.height !== after.viewport.height) return 'the viewport changed';
  const near = (a: number, b: number) => Math.abs(a - b) <= MAX_DRIFT_PX;
  if (!near(before.scroll.x, after.scroll.x) || !near(before.scroll.y, after.scroll.y)) return 'the page scrolled';
  if (before.regions.length !== after.regions.length) return 'the regions changed';
  for (let i = 0; i < before.regions.length; i++) {
    const a = before.regions[i]!;
    const b = after.regions[i]!;
    if (a.kind !== b.kind || !near(a.x, b.x) || !near(a.y, b.y) || !near(a.width, b.width) || !near(a.height, b.height)) {
      return 'a region moved';
    }
  }
  return null;
}
