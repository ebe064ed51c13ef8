import { expect } from '@playwright/test';
import type { Page } from 'playwright';
import type { SessionCompleteness } from '../../lib/schema/read-api';
import type { ExtensionBrowser } from './launch-extension';

/** The grid page (e2e/app/grid.html) number `n`: 400 buttons with test ids p<n>-c<i>, and a next-page link. */
export interface Grid {
  page: Page;
  n: number;
  /** Clicks cell i (a trusted click at its centre); returns its token. */
  click(i: number): Promise<string>;
  /** Clicks the next-page link (a real navigation right after the click); returns its token. */
  clickNext(): Promise<string>;
}

export async function openGrid(page: Page, origin: string, n: number): Promise<Grid> {
  await page.goto(`${origin}/grid.html?n=${n}`);
  return gridOn(page, n);
}

export async function gridOn(page: Page, n: number): Promise<Grid> {
  await page.locator(`[data-testid="p${n}-c399"]`).waitFor();
  const centres = await page.evaluate(() =>
    [...document.querySelectorAll('#grid button, #next')].map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }),
  );
  const next = centres.pop()!;
  return {
    page,
    n,
    async click(i) {
      await page.mouse.click(centres[i]!.x, centres[i]!.y);
      return `p${n}-c${i}`;
    },
    async clickNext() {
      await page.mouse.click(next.x, next.y);
      return `next-${n}`;
    },
  };
}

/**
 * Resolves once the page's recorder is recording: the worker has assigned it
 * `page` of the tab's session and stored that page's first chunk (the full
 * snapshot, sent the moment recording starts), in the queue or already on the server.
 */
export async function waitRecording(
  ext: ExtensionBrowser,
  page: Page,
  pageIndex: number,
  read: (path: string) => Promise<unknown>,
  timeoutMs = 20_000,
): Promise<string> {
  const url = page.url();
  const probe = async (): Promise<string | null> => {
    const found = await ext.worker
      .evaluate(
        async ({ u, p }) => {
          const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
          if (tab?.id === undefined) return null;
          const key = `webtrace:tab:${tab.id}`;
          const record = (await chrome.storage.session.get(key))[key] as { sessionId: string; pages: [string, number][] } | undefined;
          if (!record || !record.pages.some(([, page]) => page === p)) return null;
          const queued = await new Promise<boolean>((resolve) => {
            const open = indexedDB.open('webtrace');
            // Never create the database here: the extension must create it with its own schema.
            open.onupgradeneeded = () => open.transaction?.abort();
            open.onsuccess = () => {
              const db = open.result;
              try {
                const get = db.transaction('chunks').objectStore('chunks').getKey([record.sessionId, p, 0]);
                get.onsuccess = () => resolve(get.result !== undefined);
                get.onerror = () => resolve(false);
              } catch {
                resolve(false);
              }
              db.close();
            };
            open.onerror = () => resolve(false);
          });
          return { sessionId: record.sessionId, queued };
        },
        { u: url, p: pageIndex },
      )
      .catch(() => null);
    if (found?.queued) return found.sessionId;
    if (found) {
      const onServer = await read(`/v1/sessions/${found.sessionId}/completeness`).catch(() => null);
      if ((onServer as SessionCompleteness | null)?.pages.some((p) => p.page === pageIndex && p.chunks > 0)) return found.sessionId;
    }
    return null;
  };
  let sessionId: string | null = null;
  await expect
    .poll(async () => (sessionId = await probe()), { message: `page ${url} never started recording`, timeout: timeoutMs, intervals: [25] })
    .not.toBeNull();
  return sessionId!;
}
