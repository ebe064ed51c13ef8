import type { Metric, Row } from '../result';
import { spread } from './stats';
import type { ShotFigures } from '../../lib/worker/screenshots/start-shooter';

const COLUMN = { id: 'shots', label: 'webtrace, shots at defaults' };

export const SCRIPTED_PACE: ShotPace = { id: '', label: 'an action about every 0.6 s' };

/** Goals of issue 15 for the screenshot row. */
export const SHOT_GOALS = { reportP95Ms: 2, longTasks: 0, mbPerHour: 15 } as const;

export interface ShotSessionFigures {
  shots: ShotFigures['stored'];
  regionReportMs: number[];
  perSession: {
    reportP50: number;
    reportP95: number;
    longTasks: number;
    shotsPerMinute: number;
    discardedPerMinute: number;
    /** Due shots not taken because the last one showed the page as it was (lib/rules/screenshots/shown-state.ts). */
    skippedPerMinute: number;
    /** Due shots the byte budget could not pay for (lib/rules/screenshots/byte-budget.ts). */
    overBudgetPerMinute: number;
    mbPerHour: number;
    periodicMbPerHour: number;
  };
}

/** The p-th percentile (0-100) by nearest rank; NaN of nothing. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** One session's figures from what the worker and the page counted over `sessionMs`. */
export function shotSessionFigures(input: {
  worker: ShotFigures;
  regionReportMs: readonly number[];
  longTasks: number;
  sessionMs: number;
  periodicSeconds: number;
}): ShotSessionFigures {
  const minutes = input.sessionMs / 60_000;
  const bytes = input.worker.stored.reduce((n, s) => n + s.bytes, 0);
  const discarded = Object.values(input.worker.discarded).reduce((n, c) => n + c, 0);
  const skipped = Object.values(input.worker.skipped).reduce((n, c) => n + c, 0);
  const overBudget = Object.values(input.worker.overBudget).reduce((n, c) => n + c, 0);
  return {
    shots: [...input.worker.stored],
    regionReportMs: [...input.regionReportMs],
    perSession: {
      reportP50: percentile(input.regionReportMs, 50),
      reportP95: percentile(input.regionReportMs, 95),
      longTasks: input.longTasks,
      shotsPerMinute: input.worker.stored.length / minutes,
      discardedPerMinute: discarded / minutes,
      skippedPerMinute: skipped / minutes,
      overBudgetPerMinute: overBudget / minutes,
      // Extrapolated: the session's stored bytes at its pace for an hour.
      mbPerHour: minutes > 0 ? (bytes / 1e6) * (60 / minutes) : Number.NaN,
      // A page shot only periodically (no actions, always changing): the median shot every periodicSeconds.
      periodicMbPerHour:
        (percentile(
          input.worker.stored.map((s) => s.bytes),
          50,
        ) /
          1e6) *
        (3600 / input.periodicSeconds),
    },
  };
}

/** The goals the row's medians miss, one line each (printed, never a failure). */
export function shotGoalsMissed(row: Row): string[] {
  const median = (prefix: string) => row.metrics.find((m) => m.name.startsWith(prefix))?.cells.shots?.median;
  const out: string[] = [];
  const p95 = median('page ms per region report p95');
  if (p95 !== undefined && p95 > SHOT_GOALS.reportP95Ms) out.push(`region report p95 ${p95.toFixed(2)} ms > ${SHOT_GOALS.reportP95Ms} ms`);
  const longTasks = median('long tasks');
  if (longTasks !== undefined && longTasks > SHOT_GOALS.longTasks) out.push(`${longTasks} long tasks in the session (goal 0)`);
  const mb = median('MB per recorded hour');
  if (mb !== undefined && mb > SHOT_GOALS.mbPerHour) out.push(`${mb.toFixed(1)} MB per recorded hour > ${SHOT_GOALS.mbPerHour} MB/h`);
  return out;
}

/** The row: per-shot figures spread over every shot, per-session figures over the repetitions. */
/** How the scripted session was paced: the workload's own pace (an action about every 0.6 s), or a stated slower one. */
export interface ShotPace {
  id: '' | 'human';
  label: string;
}

export function shotRow(sessions: readonly ShotSessionFigures[], mode: string, pace: ShotPace = SCRIPTED_PACE): Row {
  const metric = (name: string, unit: string, values: number[]): Metric => ({
    name,
    unit,
    cells: values.length ? { [COLUMN.id]: spread(values) } : {},
    ratios: {},
  });
  const shots = sessions.flatMap((s) => s.shots);
  const of = (k: keyof ShotSessionFigures['perSession']) => sessions.map((s) => s.perSession[k]).filter(Number.isFinite);
  return {
    id: pace.id ? `shot-cost:${pace.id}` : 'shot-cost',
    title: `screenshots at the defaults (${mode}: ${shots.length} shots over ${sessions.length} scripted session(s), 1.3k-node page, ${pace.label})`,
    columns: [COLUMN],
    metrics: [
      metric(
        'worker capture ms per shot',
        'ms',
        shots.map((s) => s.captureMs),
      ),
      metric(
        'worker decode ms per shot',
        'ms',
        shots.map((s) => s.decodeMs),
      ),
      metric(
        'worker redact ms per shot',
        'ms',
        shots.map((s) => s.redactMs),
      ),
      metric(
        'worker encode ms per shot',
        'ms',
        shots.map((s) => s.encodeMs),
      ),
      metric(
        'bytes per shot',
        'bytes',
        shots.map((s) => s.bytes),
      ),
      metric('page ms per region report p50', 'ms', of('reportP50')),
      metric('page ms per region report p95 (goal <= 2)', 'ms', of('reportP95')),
      metric('long tasks (>50 ms) in the session (goal 0)', 'count', of('longTasks')),
      metric('shots per minute', 'shots/min', of('shotsPerMinute')),
      metric('shots discarded per minute', 'shots/min', of('discardedPerMinute')),
      metric('shots skipped per minute (nothing new to show)', 'shots/min', of('skippedPerMinute')),
      metric('shots skipped per minute (over the byte budget)', 'shots/min', of('overBudgetPerMinute')),
      metric('MB per recorded hour (goal <= 15)', 'MB/h', of('mbPerHour')),
      metric('MB per hour of periodic shots only', 'MB/h', of('periodicMbPerHour')),
    ],
    notes: [
      'per-shot figures over every stored shot; the others per session',
      `MB per recorded hour: the session's stored bytes at its pace (${pace.label}), under the byte budget (screenshots.maxMegabytesPerHour, 15 by default; it starts empty when the first page with shots is in front)`,
      'page ms: the synchronous work of each region report in the content script (performance.now around it)',
    ],
  };
}
