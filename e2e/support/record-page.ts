import type { Page } from 'playwright';
import { expect } from '@playwright/test';
import type { Action } from '../../lib/schema/action';
import type { SessionCompleteness, SessionSummary } from '../../lib/schema/read-api';
import { enableCapture, requestUpload } from './extension-control';
import type { ExtensionBrowser } from './launch-extension';
import type { RunningServer } from './start-server';
import { waitRecording } from './grid-page';

export interface RecordedSession {
  id: string;
  actions: Action[];
  events: Array<{ type: number; timestamp: number; data: unknown }>;
}

/** Opens `url` in a recorded tab and resolves once the recorder runs. */
export async function openRecorded(ext: ExtensionBrowser, server: RunningServer, origin: string, url: string): Promise<Page> {
  await enableCapture(ext, { origin, endpoint: server.url, ingestToken: server.ingestToken, upload: { delayMs: 3_600_000 } });
  const page = await ext.context.newPage();
  await page.goto(url);
  await waitRecording(ext, page, 0, server.read);
  return page;
}

/** Ends the page (its page-end marker follows), uploads, and waits until the server holds the whole session. */
export async function finishRecording(ext: ExtensionBrowser, server: RunningServer, page: Page): Promise<RecordedSession> {
  await page.goto('about:blank');
  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  let id = '';
  await expect
    .poll(
      async () => {
        await requestUpload(control);
        const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
        if (sessions.length !== 1) return false;
        id = sessions[0]!.id;
        const done = await server.read<SessionCompleteness>(`/v1/sessions/${id}/completeness`);
        return done.complete;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await control.close();
  await page.close();
  const { actions } = await server.read<{ actions: Action[] }>(`/v1/sessions/${id}/actions`);
  const events = await server.read<RecordedSession['events']>(`/v1/sessions/${id}/events`);
  return { id, actions, events };
}
