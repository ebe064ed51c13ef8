import type { CaptureStatus } from '../schema/employee-state';
import { iconPaths } from '../rules/toolbar/icon-paths';
import { toolbarLook } from '../rules/toolbar/toolbar-look';

/** The parts of chrome.action the worker uses to show a tab's state on the toolbar. */
export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setIcon(details: { tabId: number; path: Record<string, string> }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
}

/** Shows `status` on the tab's toolbar icon: its icon, tooltip, and the red REC badge while recording. */
export async function showTabState(action: ActionApi, tabId: number, status: CaptureStatus, reason?: string | null): Promise<void> {
  const look = toolbarLook(status, reason);
  try {
    await action.setIcon({ tabId, path: iconPaths(look.icon) });
    await action.setTitle({ tabId, title: look.title });
    await action.setBadgeText({ tabId, text: look.badge });
    if (look.badge) await action.setBadgeBackgroundColor({ tabId, color: '#c62828' });
  } catch {
    // The tab closed meanwhile.
  }
}
