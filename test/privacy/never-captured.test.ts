import { describe, expect, it } from 'vitest';
import { isNeverCaptured } from '../../lib/privacy/never-captured';

describe('never-captured fields', () => {
  it('passwords, one-time codes and payment fields, by type, autocomplete or name', () => {
    const never = [
      { type: 'password' },
      { type: 'PASSWORD' },
      { wasPassword: true, type: 'text' },
      { autocomplete: 'one-time-code' },
      { autocomplete: 'section-billing cc-number' },
      { autocomplete: 'cc-csc' },
      { autocomplete: 'cc-exp-month' },
      { autocomplete: 'new-password' },
      { name: 'otp' },
      { name: 'mfa_code' },
      { id: 'card-number' },
      { name: 'creditCardNumber' },
      { name: 'cvc' },
      { name: 'pin' },
      { id: 'security_code' },
    ];
    for (const field of never) expect(isNeverCaptured(field), JSON.stringify(field)).toBe(true);
  });

  it('ordinary fields are not', () => {
    for (const field of [
      { type: 'text', name: 'city' },
      { autocomplete: 'email' },
      { name: 'shipping' },
      { id: 'spinner' },
      { name: 'cardholder_note' },
      {},
    ]) {
      expect(isNeverCaptured(field), JSON.stringify(field)).toBe(false);
    }
  });
});
