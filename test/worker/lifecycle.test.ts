import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConfigSource } from '../../lib/platform/config-source';
import { createPolicySource } from '../../lib/platform/policy-source';
import { loadState, saveState } from '../../lib/platform/state-store';
import { INITIAL_EMPLOYEE_STATE } from '../../lib/schema/employee-state';
import { createLifecycle } from '../../lib/worker/lifecycle';

function setup() {
  const readManaged = () => fakeBrowser.storage.managed.get(null) as Promise<Record<string, unknown>>;
  const policy = createPolicySource({ readManaged, session: fakeBrowser.storage.session, confirmEmptyAfterMs: 0 });
  const config = createConfigSource(fakeBrowser.storage.local, policy);
  const applied: string[] = [];
  const opened: string[] = [];
  const lifecycle = createLifecycle({
    policy,
    config,
    loadState: () => loadState(fakeBrowser.storage.local),
    // What the person's choices are applied with: the configuration in force at that moment.
    applyChoices: async () => void applied.push(`consent v${(await config.load()).config.consentVersion}`),
    openConsentPage: async () => opened.push((await fakeBrowser.tabs.create({ url: '/consent.html' })).url ?? ''),
    adminPolicy: { installType: async () => 'normal', readManaged, onManagedChange: () => () => {} },
    log: vi.fn(),
  });
  return { lifecycle, applied, opened };
}

const agreedTo = (version: number) => saveState(fakeBrowser.storage.local, { ...INITIAL_EMPLOYEE_STATE, consent: { version, at: 1 } });

describe('worker lifecycle', () => {
  beforeEach(() => fakeBrowser.reset());

  it('on install applies the choices and asks for consent', async () => {
    const t = setup();
    await t.lifecycle.installed('install');
    expect(t.applied).toEqual(['consent v1']);
    expect(t.opened).toEqual(['/consent.html']);
  });

  it('on an update asks again only when the consent text is newer than what the person agreed to', async () => {
    await agreedTo(1);
    const t = setup();
    await t.lifecycle.installed('update');
    expect(t.opened).toEqual([]);
    await fakeBrowser.storage.managed.set({ consentVersion: 2 });
    const next = setup(); // the updated worker reads the policy afresh
    await next.lifecycle.installed('update');
    expect(next.opened).toEqual(['/consent.html']);
  });

  it('a policy change is read afresh, applied, and a raised consent version asks once', async () => {
    await agreedTo(1);
    const t = setup();
    await t.lifecycle.started();
    await fakeBrowser.storage.managed.set({ consentVersion: 3 });
    await t.lifecycle.policyChanged();
    expect(t.applied).toEqual(['consent v1', 'consent v3']);
    expect(t.opened).toEqual(['/consent.html']);
  });

  it('a local configuration change re-applies without asking', async () => {
    await agreedTo(1);
    const t = setup();
    await t.lifecycle.localConfigChanged();
    expect(t.applied).toHaveLength(1);
    expect(t.opened).toEqual([]);
  });
});
