/** How long an install credential lives, when the extension is asked to rotate it, and how long a replaced one still works. */
export interface CredentialPolicy {
  lifetimeMs: number;
  rotateAfterMs: number;
  graceMs: number;
}

const DAY = 24 * 60 * 60_000;
/** Defaults of WEBTRACE_INSTALL_CREDENTIAL_LIFETIME_MS, _ROTATE_AFTER_MS and _GRACE_MS (settings-schema.ts). */
export const DEFAULT_CREDENTIAL_POLICY: CredentialPolicy = { lifetimeMs: 30 * DAY, rotateAfterMs: 7 * DAY, graceMs: DAY };
