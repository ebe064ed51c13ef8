import { patternsForSites } from '../rules/capture/registration-patterns';

/**
 * Keeps the dynamically registered recorder in line with the sites that may
 * be recorded now, so on every other site no recorder code runs at all. Sites
 * that become recordable get the recorder injected into their open tabs at
 * once (no reload); the recorder ignores a second injection.
 */
export const RECORDER_SCRIPT_ID = 'webtrace-recorder';
export const RECORDER_SCRIPT_FILE = 'content-scripts/content.js';

export interface ScriptingApi {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<Array<{ id: string; matches?: string[]; excludeMatches?: string[] }>>;
  registerContentScripts(
    scripts: Array<{
      id: string;
      js: string[];
      matches: string[];
      excludeMatches: string[];
      runAt: 'document_idle';
      persistAcrossSessions: boolean;
    }>,
  ): Promise<void>;
  updateContentScripts(scripts: Array<{ id: string; matches: string[]; excludeMatches: string[] }>): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown>;
}

export interface TabsApi {
  query(info: { url: string[] }): Promise<Array<{ id?: number }>>;
}

/** Where the recorder should load: sites (origins) the person turned on, plus whole patterns the organisation turned on. */
export interface RecorderTargets {
  sites: Iterable<string>;
  patterns?: Iterable<string>;
  /** Never load here (the organisation's blocked sites). */
  exclude?: Iterable<string>;
}

export async function syncContentScript(
  scripting: ScriptingApi,
  tabs: TabsApi,
  targets: RecorderTargets,
): Promise<{ patterns: string[]; added: string[]; removed: string[] }> {
  const patterns = [...new Set([...patternsForSites(targets.sites), ...(targets.patterns ?? [])])].sort();
  const exclude = [...new Set(targets.exclude ?? [])].sort();
  const [current] = await scripting.getRegisteredContentScripts({ ids: [RECORDER_SCRIPT_ID] });
  const before = [...(current?.matches ?? [])].sort();
  const excludeBefore = [...(current?.excludeMatches ?? [])].sort();
  const added = patterns.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !patterns.includes(p));
  const excludeChanged = exclude.join('\n') !== excludeBefore.join('\n');

  if (patterns.length === 0) {
    if (current) await scripting.unregisterContentScripts({ ids: [RECORDER_SCRIPT_ID] });
  } else if (!current) {
    await scripting.registerContentScripts([
      {
        id: RECORDER_SCRIPT_ID,
        js: [RECORDER_SCRIPT_FILE],
        matches: patterns,
        excludeMatches: exclude,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (added.length || removed.length || excludeChanged) {
    await scripting.updateContentScripts([{ id: RECORDER_SCRIPT_ID, matches: patterns, excludeMatches: exclude }]);
  }

  if (added.length) {
    for (const tab of await tabs.query({ url: added })) {
      if (tab.id === undefined) continue;
      // A tab that cannot be injected (a browser error page, say) must not stop the others.
      await scripting.executeScript({ target: { tabId: tab.id }, files: [RECORDER_SCRIPT_FILE] }).catch(() => {});
    }
  }
  return { patterns, added, removed };
}
