import { describe, expect, it } from 'vitest';
import type { CaptureDecision } from '../../lib/rules/capture/decide-capture';
import { CAPTURE_STATUSES } from '../../lib/schema/employee-state';
import { ICON_STATES } from '../../lib/rules/toolbar/icon-paths';
import { toolbarLook } from '../../lib/rules/toolbar/toolbar-look';
import { createToolbar } from '../../lib/worker/toolbar-state';

function fakeAction() {
  const calls: Array<{ tabId: number; icon?: string; title?: string; badge?: string }> = [];
  const last = (tabId: number) => Object.assign({}, ...calls.filter((c) => c.tabId === tabId));
  return {
    calls,
    last,
    api: {
      setIcon: async ({ tabId, path }: { tabId: number; path: Record<string, string> }) => void calls.push({ tabId, icon: path['32'] }),
      setTitle: async ({ tabId, title }: { tabId: number; title: string }) => void calls.push({ tabId, title }),
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void calls.push({ tabId, badge: text }),
      setBadgeBackgroundColor: async () => {},
    },
  };
}

const denied = (status: Exclude<CaptureDecision['status'], 'recording'>, reason: string): CaptureDecision => ({
  allowed: false,
  status,
  site: null,
  reason,
});

describe('toolbar look', () => {
  it('gives recording, paused, off and not allowed each their own icon, and every status words in the tooltip', () => {
    const icons = new Set(['recording', 'paused', 'off', 'not-allowed'].map((s) => toolbarLook(s as never).icon));
    expect([...icons].sort()).toEqual([...ICON_STATES].sort());
    for (const status of CAPTURE_STATUSES) expect(toolbarLook(status).title).toMatch(/^webtrace: \w/);
    expect(toolbarLook('paused').title).not.toBe(toolbarLook('off').title);
    expect(toolbarLook('recording').badge).toBe('REC');
    expect(toolbarLook('paused').badge).toBe('');
  });
});

describe('toolbar state', () => {
  it('shows the decision for a tab without a recorder, with its reason in the tooltip', async () => {
    const action = fakeAction();
    const toolbar = createToolbar({
      action: action.api,
      decide: async () => denied('not-allowed', 'your organisation does not allow recording this site'),
      isRecording: () => false,
      tabUrl: async () => 'https://elsewhere.example/',
    });
    await toolbar.refresh(3);
    expect(action.last(3)).toEqual({
      tabId: 3,
      icon: '/icons/not-allowed-32.png',
      title: 'webtrace: not allowed on this site\nyour organisation does not allow recording this site',
      badge: '',
    });
  });

  it('shows recording while a recorder in the tab records, and leaves an allowed tab without one to its recorder', async () => {
    const action = fakeAction();
    let recording = false;
    const toolbar = createToolbar({
      action: action.api,
      decide: async () => ({ allowed: true, status: 'recording', site: 'http://a', settings: {} as never }),
      isRecording: () => recording,
      tabUrl: async () => 'http://a/',
    });
    await toolbar.refresh(4);
    expect(action.calls).toEqual([]);
    recording = true;
    await toolbar.refresh(4);
    expect(action.last(4)).toMatchObject({ icon: '/icons/recording-32.png', badge: 'REC' });
  });

  it('survives a tab that closed meanwhile', async () => {
    const toolbar = createToolbar({
      action: { ...fakeAction().api, setIcon: async () => Promise.reject(new Error('No tab with id: 5')) },
      decide: async () => denied('off', 'off'),
      isRecording: () => false,
      tabUrl: async () => undefined,
    });
    await expect(toolbar.refresh(5)).resolves.toBeUndefined();
  });
});
