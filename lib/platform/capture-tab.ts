/**
 * The browser's side of a screenshot: which tab may be shot (the active tab
 * of the focused window, the only one captureVisibleTab can shoot) and the
 * capture itself, lossless (PNG) so no colour bleeds past a region before it
 * is blacked out. Needs the literal <all_urls> host permission.
 */
export interface TabCapture {
  focusedActiveTab(): Promise<{ tabId: number; windowId: number } | null>;
  capture(windowId: number): Promise<string>;
}

export function createTabCapture(browser: typeof chrome): TabCapture {
  return {
    async focusedActiveTab() {
      const win = await browser.windows.getLastFocused();
      if (!win.focused || win.id === undefined || win.incognito) return null;
      const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
      return tab?.id === undefined ? null : { tabId: tab.id, windowId: win.id };
    },
    capture: (windowId) => browser.tabs.captureVisibleTab(windowId, { format: 'png' }),
  };
}
