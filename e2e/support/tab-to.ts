import type { Page } from '@playwright/test';

/** Presses Tab until the element matching `selector` has focus (keyboard only: no clicks, no focus() calls). */
export async function tabTo(page: Page, selector: string, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
