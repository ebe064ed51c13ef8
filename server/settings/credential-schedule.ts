/** How long an install credential lives, when the extension is asked to rotate it, and how long a replaced one still works. */
export interface CredentialPolicy {
  lifetimeMs: number;
  rotateAfterMs: number;
  graceMs: number;
}

const DAY = 24 * 60 * 60_000;
export const DEFAULT_CREDENTIAL_POLICY: CredentialPolicy = { lifetimeMs: 30 * DAY, rotateAfterMs: 7 * DAY, graceMs: DAY };
