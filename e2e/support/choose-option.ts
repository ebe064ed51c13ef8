import type { Locator } from 'playwright';
import { expect } from '@playwright/test';

/**
 * Chooses a native <select>'s option the way a person does with the keyboard:
 * type-ahead on the focused select, which makes a trusted `change`. (Playwright's
 * locator.selectOption() dispatches its events from script, isTrusted false:
 * the recorder rightly ignores them.)
 */
export async function chooseOption(select: Locator, label: string): Promise<void> {
  await select.focus();
  await select.page().keyboard.type(label);
  await expect(select.locator('option:checked')).toHaveText(label);
}
