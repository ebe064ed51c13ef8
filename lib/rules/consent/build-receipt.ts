import type { Config } from '../../schema/config';
import { consentReceiptSchema, type ConsentReceipt } from '../../schema/consent-receipt';
import type { EmployeeState } from '../../schema/employee-state';
import { consentPurposes } from './consent-text';

/**
 * The sites recording was on for: the organisation's patterns when they start on (less none: a
 * pattern cannot be narrowed by an origin turned off), and every origin the person turned on.
 */
export function sitesOn(config: Pick<Config, 'sites' | 'captureOnByDefault'>, state: Pick<EmployeeState, 'sites'>): string[] {
  const on = Object.entries(state.sites)
    .filter(([, choice]) => choice === 'on')
    .map(([origin]) => origin);
  return [...new Set([...(config.captureOnByDefault ? config.sites : []), ...on])].sort();
}

export interface ReceiptInput {
  kind: ConsentReceipt['kind'];
  receiptId: string;
  installId: string;
  config: Config;
  state: Pick<EmployeeState, 'sites'>;
  /** sha256 of canonicalConsentText(config). */
  consentTextSha256: string;
  /** sha256 of canonicalJson(managed policy), or null without one. */
  policyHash: string | null;
  extensionVersion: string;
  at: number;
  /** Until a receipt carrying it is acknowledged. */
  erasureSecretSha256?: string;
}

/** A receipt for a grant or withdrawal, checked against the schema the server parses it with. */
export function buildConsentReceipt(input: ReceiptInput): ConsentReceipt {
  return consentReceiptSchema.parse({
    receiptId: input.receiptId,
    installId: input.installId,
    kind: input.kind,
    consentVersion: String(input.config.consentVersion),
    consentTextSha256: input.consentTextSha256,
    purposes: consentPurposes(input.config),
    sitesOn: sitesOn(input.config, input.state),
    extensionVersion: input.extensionVersion,
    policyHash: input.policyHash,
    at: Math.trunc(input.at),
    ...(input.erasureSecretSha256 ? { erasureSecretSha256: input.erasureSecretSha256 } : {}),
  });
}
