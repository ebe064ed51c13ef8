import { randomBytes, randomInt } from 'node:crypto';

/**
 * Random canary values, fresh for every run, shaped like the thing each leak
 * vector plants (a card number must pass Luhn to be a card). None of them can
 * occur in the recorded data by chance.
 */
const ALNUM = 'abcdefghijkmnpqrstuvwxyz23456789';

export function token(length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const digits = (n: number) => token(n, '0123456789');

/** A typed or planted value that looks like nothing in particular (only masking can stop it). */
export const plain = () => `cnry${token(12)}`;
export const word = () => `Cnry${token(10)}`;
export const email = () => `${token(8)}.cnry@${token(6)}.example.test`;
export const phone = () => `+44 20 ${digits(4)} ${digits(4)}`;
export const number12 = () => `${randomInt(1, 10)}${digits(11)}`;
export const uuid = () => crypto.randomUUID();
export const apiKey = () => `sk_live_${token(24, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789')}`;
export const bearer = () => `Cn${token(30, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789')}`;

export function jwt(): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: token(12), iat: 1_700_000_000 })}.${randomBytes(32).toString('base64url')}`;
}

/** A Visa-like 16-digit number with a valid Luhn check digit, grouped in fours. */
export function card(): string {
  const body = `4${digits(14)}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const full = body + ((10 - (sum % 10)) % 10);
  return full.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A US SSN the SSA could issue: area 001-665, group 01-99, serial 0001-9999. */
export function ssn(): string {
  const area = String(randomInt(1, 666)).padStart(3, '0');
  return `${area}-${String(randomInt(1, 100)).padStart(2, '0')}-${String(randomInt(1, 10_000)).padStart(4, '0')}`;
}

/** A German IBAN with valid check digits, in groups of four. */
export function iban(): string {
  const bban = digits(18);
  const rest = BigInt(`${bban}131400`) % 97n; // "DE" = 13 14, check digits 00
  const check = String(98n - rest).padStart(2, '0');
  return `DE${check}${bban}`.replace(/(.{4})(?=.)/g, '$1 ');
}

export const ipv4 = () => `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
export const ipv6 = () => `2001:db8:${token(4, '0123456789abcdef')}:${token(4, '0123456789abcdef')}::${token(4, '123456789abcdef')}`;
