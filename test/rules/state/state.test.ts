import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { INITIAL_EMPLOYEE_STATE } from '../../../lib/schema/employee-state';
import { giveConsent, isPaused, pause, resume, setSite, withdrawConsent } from '../../../lib/rules/state/state-changes';
import { EMPLOYEE_STATE_KEY } from '../../../lib/schema/storage-keys';
import { loadState, saveState } from '../../../lib/platform/state-store';

describe('state changes', () => {
  it('consent, site choice, pause and resume', () => {
    let s = giveConsent(INITIAL_EMPLOYEE_STATE, 1, 100);
    s = setSite(s, 'https://a.example', true);
    expect(s).toEqual({ consent: { version: 1, at: 100 }, sites: { 'https://a.example': 'on' }, pause: null, withdrawnAt: null });
    s = pause(s, 15, 1_000);
    expect(s.pause).toEqual({ since: 1_000, until: 1_000 + 15 * 60_000 });
    expect([isPaused(s, 1_000), isPaused(s, 1_000 + 15 * 60_000)]).toEqual([true, false]);
    expect(isPaused(pause(s, null, 0), Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(resume(s).pause).toBeNull();
  });

  it('withdrawing consent forgets site choices and pause, and remembers when (the first time) until agreeing again', () => {
    const s = pause(setSite(giveConsent(INITIAL_EMPLOYEE_STATE, 1, 0), 'https://a.example', true), null, 0);
    const withdrawn = withdrawConsent(s, 500);
    expect(withdrawn).toEqual({ ...INITIAL_EMPLOYEE_STATE, withdrawnAt: 500 });
    expect(withdrawConsent(withdrawn, 900).withdrawnAt).toBe(500);
    expect(giveConsent(withdrawn, 1, 1000).withdrawnAt).toBeNull();
    expect(withdrawConsent(giveConsent(withdrawn, 1, 1000), 2000).withdrawnAt).toBe(2000);
  });
});

describe('state store', () => {
  it('round-trips, starts empty, and reports damaged state as an error instead of a default', async () => {
    fakeBrowser.reset();
    const area = fakeBrowser.storage.local;
    expect(await loadState(area)).toEqual({ state: INITIAL_EMPLOYEE_STATE, error: null });
    const s = giveConsent(INITIAL_EMPLOYEE_STATE, 1, 5);
    await saveState(area, s);
    expect(await loadState(area)).toEqual({ state: s, error: null });
    await area.set({ [EMPLOYEE_STATE_KEY]: { consent: 'yes' } });
    const damaged = await loadState(area);
    expect(damaged.state).toBeNull();
    expect(damaged.error).toMatch(/damaged/);
  });
});
