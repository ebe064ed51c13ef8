import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/rules/config/default-config';
import { managedJsonSchema } from '../../../lib/rules/policy/managed-json-schema';
import { parsePolicy } from '../../../lib/rules/policy/parse-policy';
import { policyToConfig } from '../../../lib/rules/policy/policy-to-config';
import { readManaged } from '../../../lib/platform/read-managed';
import { withReferenceTable } from '../../../lib/rules/policy/policy-reference';
import { POLICY_KEYS, policyKeySchemas } from '../../../lib/schema/policy';

describe('parsePolicy', () => {
  it('no policy at all, or an empty one, means the local configuration is in force', () => {
    expect(parsePolicy(undefined)).toEqual({ kind: 'none' });
    expect(parsePolicy({})).toEqual({ kind: 'none' });
  });

  it('keeps valid keys and ignores invalid or unknown ones, saying which and why', () => {
    const parsed = parsePolicy({
      ingestEndpoint: 'https://t.example.com',
      uploadIntervalSeconds: 5,
      maskAllTxt: true,
      pauseAllowed: false,
    });
    expect(parsed.kind).toBe('valid');
    if (parsed.kind !== 'valid') return;
    expect(parsed.policy).toEqual({ ingestEndpoint: 'https://t.example.com', pauseAllowed: false });
    expect(parsed.issues.map((i) => i.key)).toEqual(['uploadIntervalSeconds', 'maskAllTxt']);
    expect(parsed.issues[0]!.message).toMatch(/>=\s*30|30/);
    expect(parsed.issues[1]!.message).toBe('unknown key (ignored)');
  });

  it('an invalid critical key makes the whole policy invalid: capture off, with the reason', () => {
    const parsed = parsePolicy({ ingestEndpoint: 'ftp://x', blockedSites: 'https://a.example/*', captureOnByDefault: true });
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.reason).toMatch(/ingestEndpoint, blockedSites/);
    expect(parsed.issues.map((i) => i.key)).toEqual(['ingestEndpoint', 'blockedSites']);
  });

  it('a policy that is not an object of keys is invalid', () => {
    expect(parsePolicy(['x']).kind).toBe('invalid');
    expect(parsePolicy('x').kind).toBe('invalid');
  });
});

describe('policyToConfig', () => {
  it('maps admin keys to the configuration and allows no site unless listed', () => {
    const c = policyToConfig({
      ingestEndpoint: 'https://t.example.com',
      ingestToken: 'tok',
      organizationId: 'acme',
      blockedSites: ['https://hr.example.com/*'],
      maskSelectors: ['.salary', '#ssn'],
      blockSelectors: ['.chat'],
      uploadIntervalSeconds: 120,
      localStorageCapMB: 10,
      consentVersion: 5,
      purposeStatement: 'Not used for performance evaluation.',
    });
    expect(c).toMatchObject({
      endpoint: 'https://t.example.com',
      ingestToken: 'tok',
      orgId: 'acme',
      sites: [],
      blockedSites: ['https://hr.example.com/*'],
      maskTextSelector: '.salary, #ssn',
      blockSelector: '.chat',
      uploadIntervalSeconds: 120,
      localCapBytes: 10 * 1024 * 1024,
      consentVersion: 5,
      purposeStatement: 'Not used for performance evaluation.',
    });
    expect(policyToConfig({}).sites).toEqual([]);
    expect(
      policyToConfig({ captureValues: [{ sites: ['https://a.example/*'], selector: '#ref' }], keepControlNames: true }).privacy,
    ).toEqual({
      captureValues: [{ sites: ['https://a.example/*'], selector: '#ref' }],
      keepControlNames: true,
    });
  });

  it("never lowers the consent version below the extension's own", () => {
    expect(policyToConfig({ consentVersion: 1 }).consentVersion).toBe(DEFAULT_CONFIG.consentVersion);
  });
});

describe('readManaged', () => {
  const sleep = vi.fn(async () => {});

  it('confirms an empty first answer with a second read before believing there is no policy', async () => {
    const read = vi.fn().mockResolvedValueOnce({}).mockResolvedValueOnce({ ingestToken: 'late' });
    expect(await readManaged({ read, timeoutMs: 1000, confirmEmptyAfterMs: 1500, sleep })).toEqual({
      ok: true,
      values: { ingestToken: 'late' },
    });
    expect(read).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledWith(1500);
  });

  it('does not re-read once emptiness was confirmed in this browser session', async () => {
    const read = vi.fn().mockResolvedValue({});
    expect(await readManaged({ read, timeoutMs: 1000, confirmEmptyAfterMs: 0, sleep })).toEqual({ ok: true, values: {} });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('times out a read that never resolves, and reports a failing read', async () => {
    vi.useFakeTimers();
    const hanging = readManaged({ read: () => new Promise(() => {}), timeoutMs: 10_000, confirmEmptyAfterMs: 0, sleep });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await hanging).toEqual({ ok: false, reason: expect.stringMatching(/timed out after 10000 ms/) });
    vi.useRealTimers();
    const failing = await readManaged({ read: () => Promise.reject(new Error('boom')), timeoutMs: 1000, confirmEmptyAfterMs: 0, sleep });
    expect(failing).toEqual({ ok: false, reason: expect.stringMatching(/boom/) });
  });
});

describe('managed schema (manifest) and zod policy schema', () => {
  const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../public/managed-schema.json'), 'utf8'));

  it('the committed managed_schema is exactly what the zod schema generates (run npm run generate:policy-schema)', () => {
    expect(committed).toEqual(managedJsonSchema());
  });

  it('agree key by key, with matching types', () => {
    expect(Object.keys(committed.properties).sort()).toEqual([...POLICY_KEYS].sort());
    const sample: Record<string, unknown> = { string: 'x', boolean: true, array: ['https://a.example/*'] };
    for (const key of POLICY_KEYS) {
      const prop = committed.properties[key] as { type: string; minimum?: number };
      const type = prop.type;
      // An integer within the JSON schema's bounds must be accepted by zod too.
      const value =
        key === 'ingestEndpoint'
          ? 'https://t.example.com'
          : key === 'captureValues'
            ? [{ sites: ['https://a.example/*'], selector: '#order-ref' }]
            : key === 'screenshots'
              ? { sites: ['https://a.example/*'] }
              : type === 'integer'
                ? prop.minimum
                : sample[type];
      if (type === 'integer') expect(prop.minimum, `${key} has a minimum`).toBeTypeOf('number');
      expect(policyKeySchemas[key].safeParse(value).success, `${key} accepts a ${type}`).toBe(true);
      expect(committed.properties[key].description, `${key} is documented`).toBeTruthy();
    }
  });
});

describe('docs/admin-policy.md', () => {
  it('documents every key as the schema does (run npm run generate:policy-schema)', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../../docs/admin-policy.md'), 'utf8');
    expect(withReferenceTable(doc)).toBe(doc);
    for (const key of POLICY_KEYS) expect(doc).toContain(`| \`${key}\` |`);
  });
});
