import type { EmployeeState } from '../../schema/employee-state';

/**
 * The consent version the install holds a grant for, as its batches name it
 * (lib/schema/batch.ts `consentVersion`): the version the person agreed to,
 * spelt as the grant's receipt spells it (build-receipt.ts: the text's version
 * as a string). Undefined with no consent (withdrawn, never given, or state
 * that does not parse): nothing is recorded then, and a batch left from
 * before names none.
 */
export function heldConsentVersion(state: Pick<EmployeeState, 'consent'> | null | undefined): string | undefined {
  return state?.consent ? String(state.consent.version) : undefined;
}
