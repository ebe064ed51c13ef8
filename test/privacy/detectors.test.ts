import { describe, expect, it } from 'vitest';
import { findEmails } from '../../lib/privacy/detect/email';
import { cardSpans } from '../../lib/privacy/detect/card';
import { findIbans } from '../../lib/privacy/detect/iban';
import { findIps } from '../../lib/privacy/detect/ip';
import { luhnValid } from '../../lib/privacy/detect/luhn';
import { findNumberRuns } from '../../lib/privacy/detect/number-runs';
import { phoneSpans } from '../../lib/privacy/detect/phone';
import { findSecrets } from '../../lib/privacy/detect/secret';
import { ssnSpans } from '../../lib/privacy/detect/ssn';
import type { Span } from '../../lib/privacy/span';

/** The substrings a detector found. */
const found = (text: string, spans: Span[]) => spans.map((s) => text.slice(s.start, s.end));
const cards = (t: string) => found(t, cardSpans(findNumberRuns(t)));
const phones = (t: string) => found(t, phoneSpans(findNumberRuns(t), t));
const ssns = (t: string) => found(t, ssnSpans(findNumberRuns(t), t));

describe('emails', () => {
  it('finds addresses with dots, plus tags, subdomains, at the end of a sentence', () => {
    const t = 'Write to ada.lovelace+work@mail.example.co.uk. Or bob@x.io, thanks';
    expect(found(t, findEmails(t))).toEqual(['ada.lovelace+work@mail.example.co.uk', 'bob@x.io']);
  });
  it('leaves handles, decorators, versions and "a@b" without a domain alone', () => {
    for (const t of ['@ada mentioned it', 'user@localhost', '@Component({})', 'npm i pkg@1.2.3', 'a@b', 'x@y.1']) {
      expect(findEmails(t), t).toEqual([]);
    }
  });
});

describe('card numbers', () => {
  it('finds Luhn-valid numbers of the main networks, plain or grouped', () => {
    for (const c of [
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '5555555555554444',
      '3782 822463 10005',
      '6011111111111117',
      '2223003122003222',
    ]) {
      expect(cards(`Card: ${c}.`), c).toEqual([c]);
    }
  });
  it('rejects order numbers, timestamps, phone-like and badly grouped numbers', () => {
    expect(cards('Order 4111111111111112')).toEqual([]); // Luhn fails
    expect(cards('at 1763798400000 ms')).toEqual([]); // timestamp: prefix 1
    expect(cards('ref 7992739871300000')).toEqual([]); // Luhn-valid but no issuer starts with 7
    expect(cards('4111 1111 1111 111 1')).toEqual([]); // groups of 4 then 3, then 1
    expect(cards('4111 1111-1111 1111')).toEqual([]); // mixed separators
    expect(cards('ID4111111111111111')).toEqual([]); // glued to letters
    expect(cards('on 2024-01-15, version 10.4.2, total 1,234.56')).toEqual([]);
  });
  it('the Luhn check itself', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('finds international, North American, national and labelled numbers', () => {
    expect(phones('+44 20 7946 0958')).toEqual(['+44 20 7946 0958']);
    expect(phones('+14155552671')).toEqual(['+14155552671']);
    expect(phones('(555) 123-4567')).toEqual(['(555) 123-4567']);
    expect(phones('call 555.123.4567 now')).toEqual(['555.123.4567']);
    expect(phones('1-800-555-0199')).toEqual(['1-800-555-0199']);
    expect(phones('020 7946 0958')).toEqual(['020 7946 0958']);
    expect(phones('06 12 34 56 78')).toEqual(['06 12 34 56 78']);
    expect(phones('Phone: 5551234567')).toEqual(['5551234567']);
    expect(phones('Tel. 7946095')).toEqual(['7946095']);
    expect(phones('Téléphone : 0612345678')).toEqual(['0612345678']);
  });
  it('leaves dates, times, versions, prices, order numbers and ids alone', () => {
    for (const t of [
      'Order #1234567890 shipped',
      '2024-01-15',
      '15.01.2024',
      '01/15/2024 10:30',
      'v1.2.3',
      'version 10.0.19041.1',
      '$1,234,567.89',
      'id 123456789',
      'ISBN 978-3-16-148410-0',
      'Invoice 2024-000123',
      '3.14159265',
      '+1.5 points',
    ]) {
      expect(phones(t), t).toEqual([]);
    }
  });
});

describe('US social security numbers', () => {
  it('finds 3-2-4 with dashes, and 9 digits after "SSN"', () => {
    expect(ssns('SSN 123-45-6789')).toEqual(['123-45-6789']);
    expect(ssns('his number is 078-05-1120.')).toEqual(['078-05-1120']);
    expect(ssns('ssn: 123456789')).toEqual(['123456789']);
    expect(ssns('Social Security 123 45 6789')).toEqual(['123 45 6789']);
  });
  it('leaves numbers the SSA never issues and unlabelled 9-digit numbers alone', () => {
    for (const t of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000', 'order 123456789', 'zip 12345-6789']) {
      expect(ssns(t), t).toEqual([]);
    }
  });
});

describe('IBANs', () => {
  it('finds IBANs of the registered length with a valid check, grouped or not, any case', () => {
    for (const iban of [
      'DE89 3704 0044 0532 0130 00',
      'GB82WEST12345698765432',
      'FR14 2004 1010 0505 0001 3M02 606',
      'nl91abna0417164300',
    ]) {
      const t = `Pay to ${iban} today`;
      expect(found(t, findIbans(t)), iban).toEqual([iban]);
    }
  });
  it('rejects a wrong check, a wrong length, and look-alike codes', () => {
    for (const t of [
      'DE89 3704 0044 0532 0130 01',
      'DE89 3704 0044 0532 0130',
      'DE89370400440532013000X',
      'AB12 3456 7890',
      'CH12 build 2024',
    ]) {
      expect(findIbans(t), t).toEqual([]);
    }
  });
});

describe('IP addresses', () => {
  it('finds IPv4 and IPv6', () => {
    const t = 'from 192.168.1.20 and 10.0.0.1, v6 2001:db8::ff00:42:8329 or fe80::1ff:fe23:4567:890a';
    expect(found(t, findIps(t))).toEqual(['192.168.1.20', '10.0.0.1', '2001:db8::ff00:42:8329', 'fe80::1ff:fe23:4567:890a']);
  });
  it('leaves versions, times, MAC addresses, code and out-of-range quads alone', () => {
    for (const t of [
      'v1.2.3.4',
      'version 10.0.19041.1',
      '1.2.3.4.5',
      '300.1.1.1',
      '12:30:45',
      'std::vector',
      'A::B',
      '00:1A:2B:3C:4D:5E',
      'x1.2.3.4',
    ]) {
      expect(findIps(t), t).toEqual([]);
    }
  });
});

describe('secrets', () => {
  const secrets = (t: string) => found(t, findSecrets(t));
  it('finds JWTs, known key formats, bearer tokens, values after key words, random tokens', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(secrets(`token ${jwt} end`)).toEqual([jwt]);
    expect(secrets('sk_live_51HxYzAbCdEfGhIjKl')).toEqual(['sk_live_51HxYzAbCdEfGhIjKl']);
    expect(secrets('AKIAIOSFODNN7EXAMPLE')).toEqual(['AKIAIOSFODNN7EXAMPLE']);
    expect(secrets('ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toEqual(['ghp_abcdefghijklmnopqrstuvwxyz0123456789']);
    expect(secrets('Authorization: Bearer abcDEF123456xyz')).toEqual(['abcDEF123456xyz']);
    expect(secrets('password: hunter22')).toEqual(['hunter22']);
    expect(secrets('{"api_key": "q1w2e3r4t5"}')).toEqual(['q1w2e3r4t5']);
    expect(secrets('session Zx8Kq2Lm9Pw4Rt7Yb3Nv6Hc1Jd5Gf0Sa')).toEqual(['Zx8Kq2Lm9Pw4Rt7Yb3Nv6Hc1Jd5Gf0Sa']);
  });
  it('leaves words, hashes, identifiers and UI text alone', () => {
    for (const t of [
      'Token: expired',
      'Basic information',
      'Bearer authentication explained',
      'Forgot password?',
      'commit 3f786850e387550fdab836ed7e6dc881de23001b',
      'getElementByIdAndSomethingVeryLong2024Handler',
      'sk-',
      'The password field is required.',
      'css-1x2y3z4',
      '550e8400-e29b-41d4-a716-446655440000',
    ]) {
      expect(secrets(t), t).toEqual([]);
    }
  });
});
