import { describe, expect, it } from 'vitest';
import { auditActorSchema } from '../../../lib/schema/audit-entry';
import { actorFromHeader, bearerToken, tokenHash } from '../../../server/audit/token-hash';

describe('token hash', () => {
  it("is the first 8 hex of the token's sha256, the shape the audit entry takes", () => {
    expect(tokenHash('abc')).toBe('ba7816bf'); // sha256("abc") = ba7816bf8f01cfea…
    expect(auditActorSchema.parse(actorFromHeader('read', 'Bearer abc'))).toEqual({ role: 'read', tokenHash: 'ba7816bf' });
  });

  it('takes the token from a bearer header only', () => {
    expect(bearerToken('bearer  tok ')).toBe('tok');
    expect(bearerToken('Basic dXNlcg==')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(actorFromHeader('read', undefined)).toEqual({ role: 'read' });
  });
});
