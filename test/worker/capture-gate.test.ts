import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../lib/rules/config/default-config';
import { CONSENT_VERSION } from '../../lib/rules/config/consent-version';
import type { EmployeeState } from '../../lib/schema/employee-state';
import type { WorkerToRecorder } from '../../lib/schema/recorder-port';
import { createCaptureGate } from '../../lib/worker/capture-gate';
import { createRecorderRegistry } from '../../lib/worker/recorder-ports';

const SITE = 'http://localhost:3000';
const NOW = 1_000_000;

function setup(state: EmployeeState) {
  const current = { state, config: DEFAULT_CONFIG };
  const discarded: string[] = [];
  const intervals: number[] = [];
  let registered: string[] | null = null;
  let excluded: string[] = [];
  const badges = new Map<number, string>();
  const icons = new Map<number, string>();
  const pauseEnds: Array<number | null> = [];
  const recorders = createRecorderRegistry();
  const gate = createCaptureGate({
    loadConfig: async () => ({ config: current.config, source: 'default', error: null, blocked: null, policyIssues: [] }),
    loadState: async () => ({ state: current.state, error: null }),
    now: () => NOW,
    scripting: {
      getRegisteredContentScripts: async () => (registered ? [{ id: 'webtrace-recorder', matches: registered }] : []),
      registerContentScripts: async ([s]) => void ((registered = s!.matches), (excluded = s!.excludeMatches)),
      updateContentScripts: async ([s]) => void ((registered = s!.matches), (excluded = s!.excludeMatches)),
      unregisterContentScripts: async () => void (registered = null),
      executeScript: async () => undefined,
    },
    tabs: { query: async () => [{ id: 7 }] },
    allTabs: async () => [
      { id: 7, url: `${SITE}/x` },
      { id: 9, url: 'https://elsewhere.example/' },
    ],
    tabUrl: async () => undefined,
    action: {
      setBadgeText: async ({ tabId, text }) => void badges.set(tabId, text),
      setBadgeBackgroundColor: async () => {},
      setIcon: async ({ tabId, path }) => void icons.set(tabId, path['16']!),
      setTitle: async () => {},
    },
    recorders,
    schedulePauseEnd: async (at) => void pauseEnds.push(at),
    discardBlocked: async (isBlocked) => {
      const gone = ['http://localhost:3000', 'http://127.0.0.1:5000'].filter(isBlocked);
      discarded.push(...gone);
      return gone.length;
    },
    setUploadInterval: async (s) => void intervals.push(s),
    log: () => {},
  });
  return {
    gate,
    current,
    recorders,
    badges,
    icons,
    pauseEnds,
    discarded,
    intervals,
    registered: () => registered,
    excluded: () => excluded,
  };
}

const on: EmployeeState = { consent: { version: CONSENT_VERSION, at: 0 }, sites: { [SITE]: 'on' }, pause: null };

describe('capture gate', () => {
  it('registers the recorder for sites turned on and unregisters it when paused, scheduling the end of the pause', async () => {
    const t = setup(on);
    await t.gate.apply();
    expect(t.registered()).toEqual(['http://localhost/*']);
    expect(t.pauseEnds).toEqual([null]);
    t.current.state = { ...on, pause: { since: NOW, until: NOW + 60_000 } };
    await t.gate.apply();
    expect(t.registered()).toBeNull();
    expect(t.pauseEnds.at(-1)).toBe(NOW + 60_000);
  });

  it("tells live recorders of a site that was turned off to stop, and their tab's icon shows off", async () => {
    const t = setup(on);
    const sent: WorkerToRecorder[] = [];
    t.recorders.add({ tabId: 7, url: `${SITE}/x`, recording: true, send: (m) => void sent.push(m) });
    t.recorders.add({ tabId: 8, url: 'http://localhost:4000/', recording: false, send: (m) => void sent.push(m) });
    t.current.state = { ...on, sites: { [SITE]: 'off' } };
    await t.gate.apply();
    expect(sent).toEqual([{ kind: 'denied', reason: 'you have not turned recording on for this site' }]);
    expect(t.badges.get(7)).toBe('');
    expect(t.icons.get(7)).toBe('/icons/off-16.png');
    // A tab no recorder runs in still shows its state: a site the organisation does not allow.
    expect(t.icons.get(9)).toBe('/icons/not-allowed-16.png');
  });

  it('shows paused on the icons of tabs on sites that are on, while paused', async () => {
    const t = setup({ ...on, pause: { since: NOW, until: null } });
    await t.gate.apply();
    expect(t.icons.get(7)).toBe('/icons/paused-16.png');
    expect(t.icons.get(9)).toBe('/icons/not-allowed-16.png');
  });

  it("applies the organisation's policy: default-on patterns, blocked sites excluded and their unsent data discarded, upload interval", async () => {
    const t = setup({ ...on, sites: {} });
    t.current.config = {
      ...DEFAULT_CONFIG,
      captureOnByDefault: true,
      sites: ['https://*.example.com/*'],
      blockedSites: ['http://localhost/*'],
      uploadIntervalSeconds: 120,
    };
    await t.gate.apply();
    expect(t.registered()).toEqual(['https://*.example.com/*']);
    expect(t.excluded()).toEqual(['http://localhost/*']);
    expect(t.discarded).toEqual(['http://localhost:3000']);
    expect(t.intervals.at(-1)).toBe(120);
  });

  it('decides with the stored choices: withdrawn consent denies everything', async () => {
    const t = setup(on);
    expect((await t.gate.decide(`${SITE}/`)).allowed).toBe(true);
    t.current.state = { ...on, consent: null };
    expect(await t.gate.decide(`${SITE}/`)).toMatchObject({ allowed: false, status: 'not-consented' });
  });
});
