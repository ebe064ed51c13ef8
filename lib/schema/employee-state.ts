import { z } from 'zod';

/**
 * What the person has decided: consent (with the version they agreed to),
 * capture on or off per site, and pause. Kept in `storage.local`, validated
 * on every read; anything that does not parse means "record nothing".
 */
export const consentSchema = z.object({
  version: z.int().min(1),
  /** Epoch ms when the person agreed. */
  at: z.number(),
});
export type Consent = z.infer<typeof consentSchema>;

export const pauseSchema = z.object({
  since: z.number(),
  /** Epoch ms when recording resumes by itself; null: until the person resumes. */
  until: z.number().nullable(),
});
export type Pause = z.infer<typeof pauseSchema>;

export const employeeStateSchema = z.object({
  consent: consentSchema.nullable(),
  /** Per site (origin, e.g. "https://app.example.com"): the person's own choice. */
  sites: z.record(z.string().max(300), z.enum(['on', 'off'])),
  pause: pauseSchema.nullable(),
  /** When the person last withdrew consent (epoch ms), so the screens say "withdrawn on …"; cleared by agreeing again. */
  withdrawnAt: z.number().nullable().optional(),
});
export type EmployeeState = z.infer<typeof employeeStateSchema>;

export const INITIAL_EMPLOYEE_STATE: EmployeeState = { consent: null, sites: {}, pause: null };

/** What the popup shows for a tab's site. */
export const CAPTURE_STATUSES = ['recording', 'paused', 'off', 'not-allowed', 'not-consented', 'unavailable'] as const;
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];
