import { decideCapture, siteChoice, type CaptureDecision } from '../rules/capture/decide-capture';
import type { LoadedConfig } from '../rules/config/load-config';
import { matchesAny } from '../rules/capture/match-pattern';
import type { LoadedState } from '../platform/state-store';
import { isPaused } from '../rules/state/state-changes';
import type { ActionApi } from '../platform/badge';
import { syncContentScript, type ScriptingApi, type TabsApi } from '../platform/content-script-sync';
import type { RecorderRegistry } from './recorder-ports';
import { createSerializer } from './serialize';
import { createToolbar } from './toolbar-state';

/**
 * Where the worker asks "may this be recorded now?" and where a change of
 * mind (the person's or the organisation's) takes effect: the recorder is
 * (un)registered, open tabs are injected or told to stop, toolbar icons follow,
 * blocked sites' unsent data is discarded, and timers are set.
 */
export interface CaptureGateDeps {
  loadConfig: () => Promise<LoadedConfig>;
  loadState: () => Promise<LoadedState>;
  now: () => number;
  scripting: ScriptingApi;
  tabs: TabsApi;
  action: ActionApi;
  /** Every open tab (for their toolbar icons). */
  allTabs: () => Promise<Array<{ id?: number; url?: string }>>;
  tabUrl: (tabId: number) => Promise<string | undefined>;
  recorders: RecorderRegistry;
  /** Schedules a wake-up at `at` (epoch ms) to re-apply the decision, or clears it with null. */
  schedulePauseEnd: (at: number | null) => Promise<void>;
  /** Deletes queued recordings of sites the organisation now blocks; returns how many sessions went. */
  discardBlocked: (isBlocked: (site: string) => boolean) => Promise<number>;
  setUploadInterval: (seconds: number) => Promise<void>;
  log: (message: string, detail?: unknown) => void;
}

export function createCaptureGate(deps: CaptureGateDeps) {
  const decide = async (url: string, incognito = false): Promise<CaptureDecision> => {
    const [loaded, { state }] = await Promise.all([deps.loadConfig(), deps.loadState()]);
    return decideCapture({ config: loaded.config, configBlocked: loaded.blocked, state, url, incognito, now: deps.now() });
  };
  const toolbar = createToolbar({
    action: deps.action,
    decide: (url) => decide(url),
    isRecording: (tabId) => deps.recorders.tabIsRecording(tabId),
    tabUrl: deps.tabUrl,
  });

  const step = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      deps.log(`${what} failed`, err);
    }
  };

  /** Re-applies the decision everywhere after consent, a choice, a pause or the configuration changed. */
  const applyNow = async (): Promise<void> => {
    const [loaded, { state }] = await Promise.all([deps.loadConfig(), deps.loadState()]);
    const { config } = loaded;
    const usable = !loaded.blocked && state && state.consent && state.consent.version >= config.consentVersion;
    const paused = state && config.pauseAllowed && isPaused(state, deps.now());
    const chosen = usable && !paused ? Object.keys(state.sites).filter((site) => siteChoice(config, state, site) === 'on') : [];
    const sites: string[] = [];
    for (const site of chosen) if ((await decide(`${site}/`)).allowed) sites.push(site);
    const patterns = usable && !paused && config.captureOnByDefault ? config.sites : [];

    for (const recorder of deps.recorders.all()) {
      const d = await decide(recorder.url);
      if (!d.allowed && recorder.recording) {
        recorder.recording = false;
        recorder.send({ kind: 'denied', reason: d.reason });
      }
    }
    // First what matters most for privacy; a failing step must not skip the ones after it.
    if (config.blockedSites.length) {
      await step("discarding blocked sites' data", async () => {
        const gone = await deps.discardBlocked((site) => matchesAny(`${site}/`, config.blockedSites));
        if (gone) deps.log(`discarded ${gone} unsent recordings of sites the organisation blocks`);
      });
    }
    await syncContentScript(deps.scripting, deps.tabs, { sites, patterns, exclude: config.blockedSites });
    // Every tab's icon follows, also tabs whose recorder this worker no longer knows about (it restarted).
    await step('updating toolbar icons', async () => {
      for (const tab of await deps.allTabs()) if (tab.id !== undefined) await toolbar.refresh(tab.id, tab.url);
    });
    const until = state?.pause?.until ?? null;
    await deps.schedulePauseEnd(until !== null && until > deps.now() ? until : null);
    await deps.setUploadInterval(config.uploadIntervalSeconds);
  };

  // One at a time: two overlapping registrations of the same script id would fail.
  const serial = createSerializer();
  const apply = () => serial(applyNow);

  return { decide, apply, toolbar };
}
export type CaptureGate = ReturnType<typeof createCaptureGate>;
