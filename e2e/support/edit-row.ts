import { expect, type Page } from '@playwright/test';

/** Clicks Edit on a row of the test app's orders table and waits for the app to say so. */
export async function editRow(page: Page, row: number): Promise<void> {
  await page
    .locator('tbody tr')
    .nth(row - 1)
    .getByRole('button', { name: 'Edit' })
    .click();
  await expect(page.locator('#editing')).toHaveText(`Editing row ${row}`);
}
