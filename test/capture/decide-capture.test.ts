import { describe, expect, it } from 'vitest';
import { decideCapture } from '../../lib/capture/decide-capture';
import { DEFAULT_CONFIG } from '../../lib/config/default-config';

describe('decideCapture', () => {
  it('allows an enabled site and passes the masking settings on', () => {
    const d = decideCapture({ config: { ...DEFAULT_CONFIG, blockSelector: '.secret' }, url: 'http://localhost:3000/', incognito: false });
    expect(d).toEqual({ allowed: true, settings: { maskAllText: false, blockSelector: '.secret', maskTextSelector: null } });
  });

  it.each([
    [{ config: null, url: 'http://localhost/', incognito: false }, /configuration/],
    [{ config: DEFAULT_CONFIG, url: 'http://localhost/', incognito: true }, /incognito/],
    [{ config: DEFAULT_CONFIG, url: 'chrome://settings', incognito: false }, /http/],
    [{ config: DEFAULT_CONFIG, url: 'https://mail.example.com/', incognito: false }, /not enabled/],
  ])('denies with a reason: %o', (input, reason) => {
    const d = decideCapture(input);
    expect(d.allowed).toBe(false);
    expect(!d.allowed && d.reason).toMatch(reason);
  });
});
