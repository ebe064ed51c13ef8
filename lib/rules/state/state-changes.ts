import type { EmployeeState } from '../../schema/employee-state';

/** The person's choices as pure state transitions (the worker stores the result and applies it). */
export const giveConsent = (s: EmployeeState, version: number, now: number): EmployeeState => ({
  ...s,
  consent: { version, at: now },
  withdrawnAt: null,
});

/** Withdrawing consent also forgets per-site choices: agreeing again starts from "off" everywhere. */
export const withdrawConsent = (s: EmployeeState, now: number): EmployeeState => ({
  ...s,
  consent: null,
  sites: {},
  pause: null,
  // Withdrawing twice keeps the first time: that is when recording stopped.
  withdrawnAt: s.consent === null ? (s.withdrawnAt ?? now) : now,
});

export const setSite = (s: EmployeeState, origin: string, on: boolean): EmployeeState => ({
  ...s,
  sites: { ...s.sites, [origin]: on ? 'on' : 'off' },
});

/** minutes null: until resumed. */
export const pause = (s: EmployeeState, minutes: number | null, now: number): EmployeeState => ({
  ...s,
  pause: { since: now, until: minutes === null ? null : now + minutes * 60_000 },
});

export const resume = (s: EmployeeState): EmployeeState => ({ ...s, pause: null });

export function isPaused(s: EmployeeState, now: number): boolean {
  return s.pause !== null && (s.pause.until === null || now < s.pause.until);
}
