import { createTabCapture } from '../../platform/capture-tab';
import { incrementCounter, type QueueDb } from '../../queue';
import { appendShot } from '../../queue/shots';
import { tallyShotDrops } from '../../queue/shot-drops';
import { shotsCapBytes } from '../../rules/screenshots/shots-cap';
import type { Config } from '../../schema/config';
import type { RecorderRegistry } from '../recorder-ports';
import { createShooter, type ShooterDeps } from './shooter';
import type { ShotIdentity } from './shot-meta';

/** Figures of the last shots, for the benchmark and tests to read from the worker (no pixels, no page data). */
export interface ShotFigures {
  stored: Array<Parameters<NonNullable<ShooterDeps['onShot']>>[0]>;
  discarded: Record<string, number>;
  /** The same per reported reason (lib/schema/shot-drops.ts). */
  byCode: Record<string, number>;
  /** Due shots not taken because the last stored one shows the page as it is, per trigger (not drops). */
  skipped: Record<string, number>;
  /** Due shots not taken because the byte budget could not pay for them, per trigger (not drops). */
  overBudget: Record<string, number>;
}

export function startShooter(
  browser: typeof chrome,
  deps: {
    db: () => Promise<QueueDb>;
    recorders: RecorderRegistry;
    config: () => Config;
    identity: () => Promise<ShotIdentity>;
    storageOk: () => Promise<boolean>;
    log: (message: string, detail?: unknown) => void;
  },
) {
  const figures: ShotFigures = { stored: [], discarded: {}, byCode: {}, skipped: {}, overBudget: {} };
  (globalThis as { webtraceShotFigures?: ShotFigures }).webtraceShotFigures = figures;
  return createShooter({
    ...deps,
    tabs: createTabCapture(browser),
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    store: async (record) => void (await appendShot(await deps.db(), record, shotsCapBytes(deps.config()))),
    discarded: ({ reason, code, page }) => {
      const key = reason.slice(0, 80);
      figures.discarded[key] = (figures.discarded[key] ?? 0) + 1;
      figures.byCode[code] = (figures.byCode[code] ?? 0) + 1;
      void deps
        .db()
        .then(async (db) => {
          await incrementCounter(db, 'shotsDiscarded');
          await tallyShotDrops(db, page, code, Date.now());
        })
        .catch((err: unknown) => deps.log('could not count a discarded shot', err));
    },
    skipped: ({ trigger, reason }) => {
      const tally = reason === 'budget' ? figures.overBudget : figures.skipped;
      tally[trigger] = (tally[trigger] ?? 0) + 1;
      void deps
        .db()
        .then((db) => incrementCounter(db, reason === 'budget' ? 'shotsOverBudget' : 'shotsSkipped'))
        .catch((err: unknown) => deps.log('could not count a skipped shot', err));
    },
    onShot: (f) => {
      figures.stored.push(f);
      if (figures.stored.length > 1000) figures.stored.splice(0, 500);
    },
  });
}
