import { describe, expect, it } from 'vitest';
import { decideCapture, type CaptureInput } from '../../../lib/rules/capture/decide-capture';
import { DEFAULT_CONFIG } from '../../../lib/rules/config/default-config';
import type { EmployeeState } from '../../../lib/schema/employee-state';

const SITE = 'http://localhost:3000';
const NOW = 1_000_000;
const consented: EmployeeState = { consent: { version: 2, at: 1 }, sites: { [SITE]: 'on' }, pause: null };
const CONFIG = { ...DEFAULT_CONFIG, consentVersion: 2 };
const base: CaptureInput = { config: CONFIG, state: consented, url: `${SITE}/x`, incognito: false, now: NOW };

type Row = [string, Partial<CaptureInput>, string];
const table: Row[] = [
  ['everything allowed', {}, 'recording'],
  ['no configuration', { config: null }, 'unavailable'],
  ['settings unreadable', { state: null }, 'unavailable'],
  ['incognito', { incognito: true }, 'not-allowed'],
  ['not a web page', { url: 'chrome://settings' }, 'not-allowed'],
  ['organisation does not allow the site', { url: 'https://mail.example.com/' }, 'not-allowed'],
  [
    'org block beats consent + site on',
    { url: 'https://mail.example.com/', state: { ...consented, sites: { 'https://mail.example.com': 'on' } } },
    'not-allowed',
  ],
  ['not consented', { state: { ...consented, consent: null } }, 'not-consented'],
  ['consented to an older version', { config: { ...CONFIG, consentVersion: 3 } }, 'not-consented'],
  ['consented to a newer version', { config: { ...CONFIG, consentVersion: 1 } }, 'recording'],
  ['policy unusable', { configBlocked: 'invalid ingestEndpoint' }, 'unavailable'],
  ['organisation blocks an allowed site', { config: { ...CONFIG, blockedSites: ['http://localhost/*'] } }, 'not-allowed'],
  ['on by default, never chosen', { config: { ...CONFIG, captureOnByDefault: true }, state: { ...consented, sites: {} } }, 'recording'],
  [
    'on by default, person turned it off',
    { config: { ...CONFIG, captureOnByDefault: true }, state: { ...consented, sites: { [SITE]: 'off' } } },
    'off',
  ],
  ['no choice allowed: the default wins over the person (off)', { config: { ...CONFIG, employeesMayChangeSites: false } }, 'off'],
  [
    'no choice allowed: the default wins over the person (on)',
    { config: { ...CONFIG, employeesMayChangeSites: false, captureOnByDefault: true }, state: { ...consented, sites: { [SITE]: 'off' } } },
    'recording',
  ],
  [
    'pause not allowed: a stored pause is ignored',
    { config: { ...CONFIG, pauseAllowed: false }, state: { ...consented, pause: { since: 0, until: null } } },
    'recording',
  ],
  ['site never chosen', { state: { ...consented, sites: {} } }, 'off'],
  ['site turned off', { state: { ...consented, sites: { [SITE]: 'off' } } }, 'off'],
  ['another port of the same host is another site', { url: 'http://localhost:4000/' }, 'off'],
  ['paused until resumed', { state: { ...consented, pause: { since: 0, until: null } } }, 'paused'],
  ['paused until the future', { state: { ...consented, pause: { since: 0, until: NOW + 1 } } }, 'paused'],
  ['pause ended', { state: { ...consented, pause: { since: 0, until: NOW } } }, 'recording'],
  [
    'not consented and paused: consent is asked first',
    { state: { ...consented, consent: null, pause: { since: 0, until: null } } },
    'not-consented',
  ],
  ['site off and paused: off', { state: { ...consented, sites: {}, pause: { since: 0, until: null } } }, 'off'],
];

describe('decideCapture', () => {
  it.each(table)('%s → %s', (_name, over, expected) => {
    const d = decideCapture({ ...base, ...over });
    expect(d.status).toBe(expected);
    expect(d.allowed).toBe(expected === 'recording');
    if (!d.allowed) expect(d.reason.length).toBeGreaterThan(10);
  });

  it("passes the policy's value-capture rules for this site only", () => {
    const privacy = {
      captureValues: [
        { sites: ['http://localhost/*'], selector: '#ref' },
        { sites: ['https://other.example/*'], selector: '#x' },
      ],
      keepControlNames: true,
    };
    const d = decideCapture({ ...base, config: { ...CONFIG, privacy } });
    expect(d).toMatchObject({ allowed: true, settings: { valueCaptureSelector: '#ref', keepControlNames: true } });
  });

  it('passes the masking settings on when recording', () => {
    const d = decideCapture({ ...base, config: { ...CONFIG, blockSelector: '.secret' } });
    expect(d).toMatchObject({
      allowed: true,
      site: SITE,
      settings: { maskAllText: false, blockSelector: '.secret', maskTextSelector: null },
    });
  });
});
