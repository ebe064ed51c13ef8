import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { tokenDigest } from './token-registry';

/**
 * The viewer's session cookie (issue 19): a researcher signs in once per
 * browser with a read token and gets this instead. It never carries the token:
 * only its SHA-256 digest (so a token rotated out of the configuration ends
 * every session made with it) and an expiry, signed with HMAC-SHA256 under the
 * server's session key (server/auth/session-key.ts).
 *
 *   webtrace_viewer=<base64url(JSON {v, exp, td})>.<base64url(HMAC of the first part)>
 */
export const SESSION_COOKIE = 'webtrace_viewer';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** The cookie's value as it may arrive: anything else is refused before any crypto or JSON. */
const cookieValueSchema = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

const payloadSchema = z.strictObject({
  v: z.literal(1),
  /** Expiry, ms since the epoch. */
  exp: z.number().int().positive(),
  /** SHA-256 of the read token, base64url. */
  td: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
type Payload = z.infer<typeof payloadSchema>;

export type SessionCheck = { ok: true; digest: Buffer; expiresAt: number } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export interface SessionCookieOptions {
  /** The signing key, or how to get it: loaded on the first sign-in or cookie, so a server nobody signs in to writes no key. */
  key: Buffer | (() => Promise<Buffer>);
  now: () => number;
  ttlMs?: number;
}

export class SessionCookies {
  readonly #loadKey: () => Promise<Buffer>;
  #key: Promise<Buffer> | null = null;
  readonly #now: () => number;
  readonly ttlMs: number;

  constructor(opts: SessionCookieOptions) {
    const { key } = opts;
    this.#loadKey = typeof key === 'function' ? key : async () => key;
    this.#now = opts.now;
    this.ttlMs = opts.ttlMs ?? SESSION_TTL_MS;
  }

  /** The signed value for a session of this token, and when it expires. */
  async issue(token: string): Promise<{ value: string; expiresAt: number }> {
    const expiresAt = this.#now() + this.ttlMs;
    const payload: Payload = { v: 1, exp: expiresAt, td: tokenDigest(token).toString('base64url') };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return { value: `${body}.${await this.#sign(body)}`, expiresAt };
  }

  /** Whether a cookie value is one this server signed and still in force; the role is the registry's to say. */
  async check(value: string): Promise<SessionCheck> {
    if (!cookieValueSchema.safeParse(value).success) return { ok: false, reason: 'malformed' };
    const [body, mac] = value.split('.') as [string, string];
    const expected = Buffer.from(await this.#sign(body), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    // Signed by us yet not this shape: an older format; treated as unreadable, never trusted.
    const payload = payloadSchema.safeParse(json);
    if (!payload.success) return { ok: false, reason: 'malformed' };
    if (payload.data.exp <= this.#now()) return { ok: false, reason: 'expired' };
    return { ok: true, digest: Buffer.from(payload.data.td, 'base64url'), expiresAt: payload.data.exp };
  }

  async #sign(body: string): Promise<string> {
    return createHmac('sha256', await this.#keyBytes())
      .update(body, 'utf8')
      .digest('base64url');
  }

  /** Loaded once; a failed load is tried again on the next request rather than remembered. */
  async #keyBytes(): Promise<Buffer> {
    this.#key ??= this.#loadKey().then((key) => {
      if (key.length < 32) throw new Error('the session key must be at least 32 bytes');
      return key;
    });
    try {
      return await this.#key;
    } catch (err) {
      this.#key = null;
      throw err;
    }
  }
}

/** Set-Cookie for a new session: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export function sessionSetCookie(value: string, maxAgeMs: number, secure: boolean): string {
  return cookieAttributes(`${SESSION_COOKIE}=${value}`, Math.floor(maxAgeMs / 1000), secure);
}

/** Set-Cookie that removes the session from the browser. */
export function clearSessionCookie(secure: boolean): string {
  return cookieAttributes(`${SESSION_COOKIE}=`, 0, secure);
}

function cookieAttributes(pair: string, maxAgeS: number, secure: boolean): string {
  return [pair, 'Path=/', `Max-Age=${maxAgeS}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

/** The session cookie's value from a Cookie header, or null when it is not there. */
export function sessionCookieValue(header: string | undefined): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    // An empty value is what a cleared cookie leaves behind: no session, not a bad one.
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
