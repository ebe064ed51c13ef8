import type { ShotTrigger } from '../../schema/screenshot';

/** After-action: the first this-long quiet after the person's last action... */
export const AFTER_QUIET_MS = 300;
/** ...but no later than this after the first action of the run. */
export const AFTER_MAX_MS = 2000;
/** A before-action shot not taken by then would show the action's outcome: it is dropped. */
export const BEFORE_STALE_MS = 500;

export interface ShotSchedule {
  /** A pending before-action shot: when its pointerdown/keydown happened. */
  beforeAt: number | null;
  /** A pending after-action shot: the first and the last action of the run. */
  after: { firstAt: number; lastAt: number } | null;
  nextPeriodicAt: number;
}

export interface ScheduleOptions {
  perAction: boolean;
  periodicMs: number;
}

export interface DueShot {
  trigger: ShotTrigger;
  requestedAt: number;
}

export function newSchedule(now: number, opts: ScheduleOptions): ShotSchedule {
  return { beforeAt: null, after: null, nextPeriodicAt: now + opts.periodicMs };
}

/**
 * A person's action: a before-action shot at once (unless `before` is false: the last shot already
 * shows the page as it is, lib/rules/screenshots/shown-state.ts), an after-action one when things settle.
 */
export function actionSeen(s: ShotSchedule, at: number, opts: ScheduleOptions, before = true): ShotSchedule {
  if (!opts.perAction) return s;
  return { ...s, beforeAt: s.beforeAt ?? (before ? at : null), after: { firstAt: s.after?.firstAt ?? at, lastAt: at } };
}

const afterDueAt = (after: NonNullable<ShotSchedule['after']>) => Math.min(after.lastAt + AFTER_QUIET_MS, after.firstAt + AFTER_MAX_MS);

/** The shot due now, by priority: before-action, after-action, periodic. Stale before-action requests are dropped. */
export function dueShot(s: ShotSchedule, now: number): { schedule: ShotSchedule; due: DueShot | null } {
  let schedule = s;
  if (schedule.beforeAt !== null && now - schedule.beforeAt > BEFORE_STALE_MS) schedule = { ...schedule, beforeAt: null };
  if (schedule.beforeAt !== null) return { schedule, due: { trigger: 'before-action', requestedAt: schedule.beforeAt } };
  if (schedule.after && now >= afterDueAt(schedule.after)) {
    return { schedule, due: { trigger: 'after-action', requestedAt: schedule.after.lastAt } };
  }
  if (now >= schedule.nextPeriodicAt) return { schedule, due: { trigger: 'periodic', requestedAt: schedule.nextPeriodicAt } };
  return { schedule, due: null };
}

/** When something will next be due. */
export function nextDueAt(s: ShotSchedule): number {
  return Math.min(s.beforeAt ?? Infinity, s.after ? afterDueAt(s.after) : Infinity, s.nextPeriodicAt);
}

/**
 * The trigger was served (a shot stored, or given up on). Any shot restarts the periodic clock;
 * an after-action shot is still owed after a before-action one.
 */
export function served(s: ShotSchedule, trigger: ShotTrigger, now: number, opts: ScheduleOptions): ShotSchedule {
  const next = { ...s, nextPeriodicAt: now + opts.periodicMs };
  if (trigger === 'before-action') next.beforeAt = null;
  if (trigger === 'after-action') next.after = null;
  return next;
}
