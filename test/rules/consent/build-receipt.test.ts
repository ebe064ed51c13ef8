import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/rules/config/default-config';
import { buildConsentReceipt, sitesOn } from '../../../lib/rules/consent/build-receipt';
import { canonicalJson } from '../../../lib/rules/consent/canonical-json';
import { canonicalConsentText, consentPurposes, DEFAULT_PURPOSE } from '../../../lib/rules/consent/consent-text';

const HASH = 'a'.repeat(64);
const input = {
  kind: 'grant' as const,
  receiptId: '44444444-4444-4444-8444-444444444444',
  installId: '33333333-3333-4333-8333-333333333333',
  config: { ...DEFAULT_CONFIG, consentVersion: 3, purposeStatement: 'Train agents for the finance team.' },
  state: { sites: { 'https://a.example': 'on' as const, 'https://b.example': 'off' as const } },
  consentTextSha256: HASH,
  policyHash: null,
  extensionVersion: '1.2.3',
  at: 1_700_000_000_000.7,
};

describe('consent receipt rules', () => {
  it('the canonical text is the version, the notice and the purpose, and changes with each', () => {
    const text = canonicalConsentText({ consentVersion: 2, organizationNotice: 'Acme works council agreed.', purposeStatement: null });
    expect(text).toBe(`webtrace consent text version 2\norganisation notice: Acme works council agreed.\npurpose: ${DEFAULT_PURPOSE}`);
    expect(canonicalConsentText({ consentVersion: 3, organizationNotice: 'Acme works council agreed.', purposeStatement: null })).not.toBe(
      text,
    );
    expect(canonicalConsentText({ consentVersion: 2, organizationNotice: null, purposeStatement: null })).not.toBe(text);
    expect(consentPurposes({ purposeStatement: 'X' })).toEqual(['X']);
  });

  it('canonical JSON sorts keys at every level, so key order does not change the policy hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
    expect(canonicalJson({ z: 'é', a: true })).toBe(canonicalJson({ a: true, z: 'é' }));
  });

  it('sites on: the organisation patterns when they start on, plus the origins the person turned on', () => {
    expect(sitesOn({ sites: ['http://localhost/*'], captureOnByDefault: false }, input.state)).toEqual(['https://a.example']);
    expect(sitesOn({ sites: ['http://localhost/*'], captureOnByDefault: true }, input.state)).toEqual([
      'http://localhost/*',
      'https://a.example',
    ]);
  });

  it('builds a receipt the server schema accepts, with the secret hash only when given', () => {
    const receipt = buildConsentReceipt(input);
    expect(receipt).toEqual({
      receiptId: input.receiptId,
      installId: input.installId,
      kind: 'grant',
      consentVersion: '3',
      consentTextSha256: HASH,
      purposes: ['Train agents for the finance team.'],
      sitesOn: ['https://a.example'],
      extensionVersion: '1.2.3',
      policyHash: null,
      at: 1_700_000_000_000,
    });
    expect(buildConsentReceipt({ ...input, erasureSecretSha256: HASH }).erasureSecretSha256).toBe(HASH);
    expect(() => buildConsentReceipt({ ...input, installId: 'not-a-uuid' })).toThrow();
  });
});
