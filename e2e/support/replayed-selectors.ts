import type { BrowserContext, Frame, Page } from 'playwright';
import { frameAlong, resolveSelectors } from '../../exporter/render/playwright-selectors';
import type { RecordedSession } from './record-page';

/**
 * Resolves every action's first selector in the replayed DOM: rrweb's
 * Replayer (e2e/libs/pages/replay.ts) seeked to the action, Playwright's own
 * selector engines in the replay's frame (and the action's iframes inside it),
 * through the exporter's own resolver (exporter/render/playwright-selectors.ts).
 * The selector must match exactly one element, and that element must be the
 * one whose mirror id is target.nodeId.
 */
export interface ReplayCheck {
  checked: number;
  ok: number;
  failures: string[];
}

export async function openReplay(context: BrowserContext, replayUrl: string, session: RecordedSession): Promise<Page> {
  const page = await context.newPage();
  await page.goto(replayUrl);
  await page.waitForFunction(() => typeof (window as unknown as { startReplay?: unknown }).startReplay === 'function');
  await page.evaluate((events) => (window as unknown as { startReplay(e: unknown[]): boolean }).startReplay(events), session.events);
  return page;
}

export async function seek(page: Page, offset: number): Promise<Frame> {
  await page.evaluate((t) => (window as unknown as { seekReplay(t: number): boolean }).seekReplay(t), offset);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) throw new Error('no replay frame');
  return frame;
}

export async function checkReplayedSelectors(page: Page, session: RecordedSession, label: string): Promise<ReplayCheck> {
  const start = session.events[0]!.timestamp;
  const result: ReplayCheck = { checked: 0, ok: 0, failures: [] };
  for (const action of session.actions) {
    const target = action.target;
    const first = target?.selectors[0];
    if (!target || !first) continue;
    result.checked++;
    const why = await (async () => {
      const frame = await frameAlong(await seek(page, action.t - start), action.frame ?? []);
      if (!frame) return `frame ${action.frame?.map((f) => f.selector).join(' > ')} not found in the replay`;
      const [r] = await resolveSelectors(frame, [first], { attribute: 'data-wt-rrid', value: String(target.nodeId) });
      if (r!.matchCount !== 1) return `matched ${r!.matchCount}`;
      return r!.verified ? null : `matched node ${r!.onlyMatchMark}, target is ${target.nodeId}`;
    })().catch((err: Error) => err.message.split('\n')[0]);
    if (why === null) result.ok++;
    else result.failures.push(`${label}: ${action.type} ${target.role} "${target.name}" ${first.kind} ${first.value}: ${why}`);
  }
  return result;
}
