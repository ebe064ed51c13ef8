/**
 * The page's recording indicator was clicked (issue 19): open the popup's
 * controls for that tab. chrome.action.openPopup() first (it needs the tab's
 * window to be focused); where Chromium refuses it, the popup page opens in a
 * small window of its own, speaking about the clicked tab (?tabId=N).
 */
export interface OpenControlsDeps {
  openPopup: (windowId: number) => Promise<void>;
  windowOf: (tabId: number) => Promise<number>;
  openWindow: (url: string) => Promise<void>;
  popupUrl: string;
  log: (message: string, detail?: unknown) => void;
}

export type OpenedControls = 'popup' | 'window' | 'failed';

export async function openControls(deps: OpenControlsDeps, tabId: number): Promise<OpenedControls> {
  try {
    await deps.openPopup(await deps.windowOf(tabId));
    return 'popup';
  } catch (err) {
    deps.log('openPopup refused; opening the controls in a window', err);
  }
  try {
    await deps.openWindow(`${deps.popupUrl}?tabId=${tabId}`);
    return 'window';
  } catch (err) {
    deps.log('could not open the controls', err);
    return 'failed';
  }
}

/** The real browser's side of it. */
export function browserOpenControls(browser: typeof chrome, log: OpenControlsDeps['log']): OpenControlsDeps {
  return {
    openPopup: (windowId) => browser.action.openPopup({ windowId }),
    windowOf: async (tabId) => (await browser.tabs.get(tabId)).windowId,
    openWindow: async (url) => {
      await browser.windows.create({ url, type: 'popup', width: 380, height: 600, focused: true });
    },
    popupUrl: browser.runtime.getURL('/popup.html'),
    log,
  };
}
