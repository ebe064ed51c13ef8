import { decideCapture, type CaptureDecision } from '../capture/decide-capture';
import { CONSENT_VERSION } from '../consent/consent-version';
import type { LoadedConfig } from '../config/load-config';
import type { LoadedState } from '../state/state-store';
import { showRecording, type ActionApi } from './badge';
import { syncContentScript, type ScriptingApi, type TabsApi } from './content-script-sync';
import type { RecorderRegistry } from './recorder-ports';
import { createSerializer } from './serialize';

/**
 * Where the worker asks "may this be recorded now?" and where a change of
 * mind takes effect: the recorder is (un)registered, open tabs are injected
 * or told to stop, badges follow, and the end of a pause is scheduled.
 */
export interface CaptureGateDeps {
  loadConfig: () => Promise<LoadedConfig>;
  loadState: () => Promise<LoadedState>;
  now: () => number;
  scripting: ScriptingApi;
  tabs: TabsApi;
  action: ActionApi;
  recorders: RecorderRegistry;
  /** Schedules a wake-up at `at` (epoch ms) to re-apply the decision, or clears it with null. */
  schedulePauseEnd: (at: number | null) => Promise<void>;
  log: (message: string, detail?: unknown) => void;
}

export function createCaptureGate(deps: CaptureGateDeps) {
  const decide = async (url: string, incognito = false): Promise<CaptureDecision> => {
    const [{ config }, { state }] = await Promise.all([deps.loadConfig(), deps.loadState()]);
    return decideCapture({ config, state, consentVersion: CONSENT_VERSION, url, incognito, now: deps.now() });
  };

  /** Re-applies the decision everywhere after consent, a site choice, a pause or the configuration changed. */
  const applyNow = async (): Promise<void> => {
    const { state } = await deps.loadState();
    const chosen = state ? Object.entries(state.sites).filter(([, c]) => c === 'on').map(([site]) => site) : [];
    const recordable: string[] = [];
    for (const site of chosen) if ((await decide(`${site}/`)).allowed) recordable.push(site);

    for (const recorder of deps.recorders.all()) {
      const d = await decide(recorder.url);
      if (!d.allowed && recorder.recording) {
        recorder.recording = false;
        recorder.send({ kind: 'denied', reason: d.reason });
        await showRecording(deps.action, recorder.tabId, deps.recorders.tabIsRecording(recorder.tabId));
      }
    }
    const { removed } = await syncContentScript(deps.scripting, deps.tabs, recordable);
    // Tabs whose recorder this worker no longer knows about (it restarted) still lose their badge.
    if (removed.length) {
      for (const tab of await deps.tabs.query({ url: removed })) {
        if (tab.id !== undefined && !deps.recorders.tabIsRecording(tab.id)) await showRecording(deps.action, tab.id, false);
      }
    }
    const until = state?.pause?.until ?? null;
    await deps.schedulePauseEnd(until !== null && until > deps.now() ? until : null);
  };

  // One at a time: two overlapping registrations of the same script id would fail.
  const serial = createSerializer();
  const apply = () => serial(applyNow);

  return { decide, apply };
}
export type CaptureGate = ReturnType<typeof createCaptureGate>;
