import { describe, expect, it } from 'vitest';
import { growthRatio } from '../support/growth-ratio';
import { scrubText } from '../../lib/privacy/scrub-text';
import { lengthClass, piiTag } from '../../lib/privacy/tag';

describe('scrubText', () => {
  it('replaces each kind with its tag and length class, keeping the rest of the text', () => {
    expect(scrubText('Mail ada@x.io or call +44 20 7946 0958; card 4111 1111 1111 1111')).toBe(
      'Mail [email:s] or call [phone:m]; card [card:l]',
    );
    expect(scrubText('SSN 123-45-6789, IBAN GB82WEST12345698765432, host 10.1.2.3, key sk_live_51HxYzAbCdEfGhIjKl')).toBe(
      'SSN [ssn:m], IBAN [iban:l], host [ip:s], key [secret:l]',
    );
  });

  it('length classes: s ≤ 8, m ≤ 16, l ≤ 32, xl beyond', () => {
    expect([8, 9, 16, 17, 32, 33].map(lengthClass)).toEqual(['s', 'm', 'm', 'l', 'l', 'xl']);
    expect(piiTag('email', 20)).toBe('[email:l]');
  });

  it('is idempotent: tags are never taken for PII', () => {
    const once = scrubText('a@b.co 4111111111111111 password: x9y8z7w6 +14155552671');
    expect(scrubText(once)).toBe(once);
  });

  it('leaves ordinary text, numbers and dates alone', () => {
    const t = 'Order #1234567890 placed 2024-01-15 10:30 for $1,234.56 (v2.3.1), 3 items, ref A-17.';
    expect(scrubText(t)).toBe(t);
  });

  it('overlapping findings become one tag', () => {
    expect(scrubText('password: ada@x.io')).toBe('password: [secret:s]');
  });
});

describe('scrubText stays linear on hostile input', () => {
  const cases: Array<[string, string]> = [
    ['word characters without "@"', 'a'.repeat(200_000)],
    ['many "@"', 'a@'.repeat(100_000)],
    ['local parts around "@" with no domain', `${'a.'.repeat(50_000)}@${'b-'.repeat(50_000)}`],
    ['digits and separators', '1 2-3.4 '.repeat(50_000)],
    ['one long number', '4'.repeat(200_000)],
    ['colons and hex', 'ab:'.repeat(70_000)],
    ['dotted quads run together', '1.2.3.'.repeat(40_000)],
    ['"eyJ" runs', 'eyJ'.repeat(70_000)],
    ['key words without values', 'password: '.repeat(20_000)],
    ['uppercase letter runs (IBAN starts)', 'DE12 '.repeat(40_000)],
  ];
  for (const [name, text] of cases) {
    it(`${name} (${text.length} chars) in time linear in its length`, async () => {
      // 8x the text: linear is ~8, quadratic backtracking ~64 (the bound leaves a busy machine room).
      const ratio = await growthRatio((n) => scrubText(text.slice(0, n)), text.length / 8, text.length);
      expect(ratio).toBeLessThan(32);
    });
  }

  it('a text with more findings than a function call takes arguments', () => {
    const text = 'a@b.io '.repeat(300_000);
    expect(scrubText(text)).toBe('[email:s] '.repeat(300_000));
  });

  it('time grows linearly: 8x the text takes well under 8x squared the time', async () => {
    const sample = 'Ada ada@x.io 4111 1111 1111 1111 +44 20 7946 0958 v1.2.3 2024-01-15 password: x9y8z7 ';
    // Best of three at each size: one pause of the machine does not count.
    const ratio = await growthRatio((n) => scrubText(sample.repeat(n)), 1000, 8000);
    expect(ratio).toBeLessThan(32); // linear is ~8; quadratic would be ~64
  });
});
