import { expect } from '@playwright/test';
import { INDICATOR_TAG } from '../../lib/recorder/indicator/indicator-tag';
import type { Action } from '../../lib/schema/action';
import type { SessionSummary } from '../../lib/schema/read-api';
import { chooseOption } from './choose-option';
import { enableCapture, requestUpload } from './extension-control';

export const CUSTOMER = 'Viewer Canary Customer';

export type Recorded = { session: SessionSummary; actions: Action[] };

/** Records a short session on the test app through the extension and waits until the server has all of it. */
export async function recordSession({
  server,
  app,
  ext,
}: {
  server: { url: string; ingestToken: string; read<T>(p: string): Promise<T> };
  app: { origin: string };
  ext: Parameters<typeof enableCapture>[0];
}): Promise<Recorded> {
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/app/orders`);
  // What the page does before its recorder runs is not recorded: the mark shows once it does (under load the
  // worker's yes can come after the first interaction, and the replay then lacked the chosen option).
  await expect(page.locator(INDICATOR_TAG)).toBeVisible();
  await chooseOption(page.getByLabel('Status'), 'Shipped');
  await page.locator('tbody tr').nth(1).getByRole('button', { name: 'Edit' }).click();
  await expect(page.locator('#editing')).toHaveText('Editing row 2');
  await page.getByRole('link', { name: 'New order' }).click();
  await page.getByLabel('Customer name').click();
  await page.keyboard.type(CUSTOMER);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Express delivery').check();

  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  let recorded: Recorded | null = null;
  const onServer = async (): Promise<boolean> => {
    await requestUpload(control);
    const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
    if (sessions.length !== 1) return false;
    const { actions } = await server.read<{ actions: Action[] }>(`/v1/sessions/${sessions[0]!.id}/actions`);
    // The summary is re-read with the actions so both describe the same stored chunks.
    const [session] = (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions;
    recorded = { session: session!, actions };
    return actions.some((a) => a.type === 'check');
  };
  await expect.poll(onServer, { timeout: 30_000 }).toBe(true);
  await page.close();
  await control.close();
  return recorded!;
}
