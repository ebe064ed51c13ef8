import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { dumpIndexedDb, queuedActions } from './dump-extension-storage';
import { readTree } from './find-secrets';
import type { Place } from './leak-search';

/** Waits until the recorder of the page at `pathPart` has queued its first full snapshot. */
export async function waitRecording(control: Page, pathPart: string): Promise<void> {
  const recorded = async () => {
    const dump = JSON.parse(await dumpIndexedDb(control)) as Record<
      string,
      Record<string, Array<{ chunk?: { url: string; events: Array<{ type: number }> } }>>
    >;
    return Object.values(dump).some((db) =>
      (db.chunks ?? []).some((r) => r.chunk?.url.includes(pathPart) && r.chunk.events.some((e) => e.type === 2)),
    );
  };
  await expect.poll(recorded, { timeout: 15_000, message: `recording of ${pathPart} started` }).toBe(true);
}

/** Waits until a click on the button named `name` is queued (everything the page did before it is then queued too). */
export async function waitQueuedClick(control: Page, name: string): Promise<void> {
  const queued = async () =>
    queuedActions(await dumpIndexedDb(control)).some(
      (a) => a.type === 'click' && (a as { target?: { name?: string } }).target?.name === name,
    );
  await expect.poll(queued, { timeout: 15_000, message: `click on "${name}" queued` }).toBe(true);
}

export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.type(text);
}

/** Puts text on the clipboard and pastes it with Ctrl+V into the element (a real paste event). */
export async function pasteInto(page: Page, selector: string, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator(selector).click();
  await page.keyboard.press('Control+V');
}

/** Fills a payment form with Chromium's own autofill (DevTools protocol Autofill.trigger), as a saved card would. */
export async function autofillCard(page: Page, selector: string, card: { number: string; name: string }): Promise<void> {
  await page.locator(selector).click();
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { node } = await cdp.send('DOM.describeNode', { nodeId });
    const fill = () =>
      cdp.send('Autofill.trigger', {
        fieldId: node.backendNodeId,
        card: { number: card.number, name: card.name, expiryMonth: '04', expiryYear: '2031', cvc: '737' },
      });
    // Autofill learns about a form shortly after it is focused: retry until it knows the field.
    await expect
      .poll(
        async () =>
          fill().then(
            () => true,
            () => false,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
  } finally {
    await cdp.detach();
  }
}

/** The extension's storage in the browser profile, as raw files (the IndexedDB and extension settings LevelDBs). */
export async function profileFiles(profileDir: string): Promise<Place[]> {
  const places: Place[] = [];
  for (const dir of ['IndexedDB', 'Local Extension Settings', 'Session Storage']) {
    const full = path.join(profileDir, 'Default', dir);
    if (!existsSync(full)) continue;
    for (const [file, text] of await readTree(full)) places.push({ name: `profile ${dir}/${file}`, text });
  }
  return places;
}
