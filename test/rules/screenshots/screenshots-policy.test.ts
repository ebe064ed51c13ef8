import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../lib/rules/policy/parse-policy';
import { policyToConfig } from '../../../lib/rules/policy/policy-to-config';
import { managedJsonSchema } from '../../../lib/rules/policy/managed-json-schema';
import { canonicalConsentText } from '../../../lib/rules/consent/consent-text';
import { shotsOnPage } from '../../../lib/rules/screenshots/shots-on-page';

const valid = (raw: unknown) => {
  const parsed = parsePolicy(raw);
  if (parsed.kind !== 'valid') throw new Error(`not valid: ${JSON.stringify(parsed)}`);
  return parsed;
};

describe('the screenshots policy key', () => {
  it('is off by default and with "off"', () => {
    expect(policyToConfig({}).screenshots).toBeNull();
    expect(policyToConfig(valid({ screenshots: 'off' }).policy).screenshots).toBeNull();
  });

  it('fills the defaults of an object', () => {
    const config = policyToConfig(valid({ screenshots: { sites: ['https://app.example.com/*'] } }).policy);
    expect(config.screenshots).toEqual({
      sites: ['https://app.example.com/*'],
      periodicSeconds: 10,
      perAction: true,
      maxWidth: 1280,
      quality: 0.6,
      maxMegabytesPerHour: 15,
    });
  });

  it('takes an admin byte budget, and refuses one below 1 MB an hour', () => {
    const config = policyToConfig(valid({ screenshots: { sites: ['https://a.example/*'], maxMegabytesPerHour: 40 } }).policy);
    expect(config.screenshots?.maxMegabytesPerHour).toBe(40);
    const parsed = valid({ screenshots: { sites: ['https://a.example/*'], maxMegabytesPerHour: 0 } });
    expect(parsed.issues.map((i) => i.key)).toEqual(['screenshots']);
    expect(policyToConfig(parsed.policy).screenshots).toBeNull();
  });

  it('ignores an invalid value (off) and names the key', () => {
    const parsed = valid({ screenshots: { sites: [], periodicSeconds: 1 } });
    expect(parsed.policy.screenshots).toBeUndefined();
    expect(parsed.issues.map((i) => i.key)).toEqual(['screenshots']);
    expect(policyToConfig(parsed.policy).screenshots).toBeNull();
  });

  it('raises the consent version and the consent text when turned on', () => {
    const off = policyToConfig({ consentVersion: 4 });
    const on = policyToConfig({ consentVersion: 4, screenshots: { sites: ['https://a.example/*'] } });
    expect(on.consentVersion).toBe(off.consentVersion + 1);
    expect(canonicalConsentText(on)).toContain('screenshots: https://a.example/*');
    expect(canonicalConsentText(off)).not.toContain('screenshots');
  });

  it('is an object in the managed schema (Chrome has no unions)', () => {
    const shots = managedJsonSchema().properties!.screenshots!;
    expect(shots.type).toBe('object');
    expect(Object.keys(shots.properties!)).toEqual(['sites', 'periodicSeconds', 'perAction', 'maxWidth', 'quality', 'maxMegabytesPerHour']);
  });

  it('applies only to pages on its sites', () => {
    const config = policyToConfig({ screenshots: { sites: ['https://a.example/*'] } });
    expect(shotsOnPage(config, 'https://a.example/x')).toBe(true);
    expect(shotsOnPage(config, 'https://b.example/x')).toBe(false);
    expect(shotsOnPage(policyToConfig({}), 'https://a.example/x')).toBe(false);
  });
});
