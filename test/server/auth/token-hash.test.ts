import { describe, expect, it } from 'vitest';
import { auditActorSchema } from '../../../lib/schema/audit-entry';
import { tokenHash } from '../../../server/auth/token-hash';

describe('token hash', () => {
  it("is the first 8 hex of the token's sha256, the shape the audit entry takes", () => {
    expect(tokenHash('abc')).toBe('ba7816bf'); // sha256("abc") = ba7816bf8f01cfea…
    expect(auditActorSchema.parse({ role: 'read', tokenHash: tokenHash('abc') })).toEqual({ role: 'read', tokenHash: 'ba7816bf' });
  });
});
