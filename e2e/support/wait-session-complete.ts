import type { Page } from 'playwright';
import { expect } from '@playwright/test';
import type { SessionCompleteness } from '../../lib/schema/read-api';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { requestUpload } from './extension-control';

/**
 * Asks the worker to upload (from the extension page `control`) until the
 * server has every chunk of the session and every page ended; then its events.
 */
export async function waitSessionComplete(control: Page, read: <T>(path: string) => Promise<T>, sessionId: string): Promise<RrwebEvent[]> {
  await expect
    .poll(
      async () => {
        await requestUpload(control);
        return (await read<SessionCompleteness>(`/v1/sessions/${sessionId}/completeness`).catch(() => null))?.complete;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return read<RrwebEvent[]>(`/v1/sessions/${sessionId}/events`);
}
