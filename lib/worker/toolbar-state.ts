import type { CaptureDecision } from '../rules/capture/decide-capture';
import type { CaptureStatus } from '../schema/employee-state';
import { showTabState, type ActionApi } from '../platform/badge';

/**
 * Keeps each tab's toolbar icon on the state of its page: recording while a
 * recorder in the tab records, else what the decision for the tab's URL says
 * (paused, off, not allowed…), also on pages where no recorder runs at all.
 */
export interface ToolbarDeps {
  action: ActionApi;
  decide: (url: string) => Promise<CaptureDecision>;
  isRecording: (tabId: number) => boolean;
  /** The tab's URL, or undefined when it is gone or not a page the extension may see. */
  tabUrl: (tabId: number) => Promise<string | undefined>;
}

export function createToolbar(deps: ToolbarDeps) {
  const show = (tabId: number, status: CaptureStatus, reason?: string | null) => showTabState(deps.action, tabId, status, reason);

  /** Re-derives the tab's state. An allowed page without a live recorder is left as is: its recorder reports as it starts. */
  const refresh = async (tabId: number, knownUrl?: string): Promise<void> => {
    if (deps.isRecording(tabId)) return show(tabId, 'recording');
    const url = knownUrl ?? (await deps.tabUrl(tabId));
    const decision = await deps.decide(url ?? '');
    if (decision.allowed) return;
    // Checked again: a recorder may have started while the decision was being made.
    if (deps.isRecording(tabId)) return show(tabId, 'recording');
    await show(tabId, decision.status, decision.reason);
  };

  return { show, refresh };
}
export type Toolbar = ReturnType<typeof createToolbar>;
