import { describe, expect, it } from 'vitest';
import { matchesAny, matchesPattern } from '../../../lib/rules/capture/match-pattern';

describe('matchesPattern', () => {
  it.each([
    ['http://localhost:5173/app', 'http://localhost/*', true],
    ['http://localhost/app', 'http://localhost/*', true],
    ['https://localhost/app', 'http://localhost/*', false],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1/*', true],
    ['http://localhost.evil.com/', 'http://localhost/*', false],
    ['https://app.example.com/x', 'https://*.example.com/*', true],
    ['https://example.com/x', 'https://*.example.com/*', true],
    ['https://badexample.com/x', 'https://*.example.com/*', false],
    ['https://example.com/admin/users', 'https://example.com/admin/*', true],
    ['https://example.com/public', 'https://example.com/admin/*', false],
    ['https://example.com:8443/', 'https://example.com:8443/*', true],
    ['https://example.com/', 'https://example.com:8443/*', false],
    ['https://example.com/', '*://example.com/*', true],
    ['file:///etc/passwd', '<all_urls>', false],
    ['not a url', '<all_urls>', false],
    ['https://example.com/', 'garbage', false],
  ])('%s against %s → %s', (url, pattern, expected) => {
    expect(matchesPattern(url, pattern)).toBe(expected);
  });

  it('matchesAny is true when one pattern matches', () => {
    expect(matchesAny('http://127.0.0.1:3000/', ['http://localhost/*', 'http://127.0.0.1/*'])).toBe(true);
    expect(matchesAny('http://example.com/', ['http://localhost/*'])).toBe(false);
  });
});
