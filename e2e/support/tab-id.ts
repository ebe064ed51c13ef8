import type { Page } from 'playwright';
import type { ExtensionBrowser } from './launch-extension';

/** The extension's id for the tab showing `page` (the popup is opened with ?tabId= for it). */
export async function tabIdOf(ext: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  const id = await ext.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

export async function badgeOf(ext: ExtensionBrowser, tabId: number): Promise<string> {
  return ext.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}
