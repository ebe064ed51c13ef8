import type { Page } from 'playwright';

/**
 * One step of the scripted working session the bytes and memory workloads
 * replay (about half a second each): the page's live table and clock change
 * every step, and in turn the person opens a row, types, moves the mouse,
 * scrolls. Deterministic in the step number.
 */
export async function sessionStep(page: Page, i: number): Promise<void> {
  await page.evaluate((n) => window.__bench.step(n), i);
  switch (i % 4) {
    case 0:
      await page.locator(`button[data-row="${(i / 4) % 40}"]`).click();
      break;
    case 1:
      if (i % 40 === 1) await page.locator('#q').fill('');
      await page.locator('#q').pressSequentially('order', { delay: 30 });
      break;
    case 2:
      await page.mouse.move(100 + (i % 7) * 60, 200, { steps: 8 });
      await page.mouse.move(500 - (i % 5) * 50, 400, { steps: 8 });
      break;
    default:
      await page.mouse.wheel(0, i % 8 < 4 ? 300 : -300);
  }
  await page.waitForTimeout(250);
}
