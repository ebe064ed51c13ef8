import type { CDPSession, Page } from 'playwright';
import { askWorker, configureExtension } from '../../e2e/support/extension-control';
import { launchWithExtension, type ExtensionBrowser } from '../../e2e/support/launch-extension';
import { badgeOf, tabIdOf } from '../../e2e/support/tab-id';
import { CONSENT_VERSION } from '../../lib/rules/config/consent-version';
import { SCREENSHOT_DEFAULTS } from '../../lib/rules/policy/screenshots-config';
import type { ShotFigures } from '../../lib/worker/screenshots/start-shooter';
import { WEBTRACE_HOST } from '../support/bench-env';
import { startRendererTrace } from '../support/renderer-trace';
import { sessionStep } from '../support/scripted-session';
import {
  SCRIPTED_PACE,
  shotGoalsMissed,
  shotRow,
  shotSessionFigures,
  type ShotPace,
  type ShotSessionFigures,
} from '../support/shot-figures';
import type { BenchContext, Workload } from '../workload';

/**
 * What screenshots cost (issue 15), at the policy's defaults, over a scripted
 * session on the generated page: the worker's ms per stored shot by step
 * (from `globalThis.webtraceShotFigures` in the service worker), bytes per
 * shot, the page's main-thread ms per region report (the content script's
 * `webtraceShotCosts`, read in its isolated world), long tasks on the tab's
 * renderer main thread, shots per minute, shots skipped over the byte budget
 * (screenshots.maxMegabytesPerHour) and bytes per recorded hour.
 *
 * A browser of its own without viewport emulation: a capture shows the real
 * window, and one that does not match the page's viewport is dropped.
 */
const DEFAULTS = { ...SCREENSHOT_DEFAULTS };

/**
 * The same steps at a person's pace as well: the scripted one (a step every ~0.6 s) keeps the token
 * bucket full and is no one's working rhythm. A step every 3 s (a click, typing, a mouse move, a
 * scroll in turn) is closer to it; the row says which pace it is.
 */
const PACES: Array<{ pace: ShotPace; stepMs: number; minutes: { quick: number; full: number } }> = [
  { pace: SCRIPTED_PACE, stepMs: 0, minutes: { quick: 0.6, full: 3 } },
  { pace: { id: 'human', label: 'a step every 3 s' }, stepMs: 3000, minutes: { quick: 1, full: 4 } },
];

export const shotCostWorkload: Workload = {
  id: 'shot-cost',
  describe: 'screenshots at the defaults over a scripted session: worker ms per shot, bytes, page ms per region report',
  async run(ctx) {
    const rows = [];
    for (const { pace, stepMs, minutes } of PACES) {
      const sessions: ShotSessionFigures[] = [];
      for (let rep = 0; rep < ctx.reps; rep++) {
        const { figures, worker } = await oneSession(ctx, stepMs, ctx.quick ? minutes.quick : minutes.full);
        ctx.log(
          `shot-cost (${pace.label}) rep ${rep + 1}: ${figures.shots.length} shots, ${figures.regionReportMs.length} region reports; ` +
            `skipped ${JSON.stringify(worker.skipped)}; over budget ${JSON.stringify(worker.overBudget)}; discarded ${JSON.stringify(worker.discarded)}`,
        );
        sessions.push(figures);
      }
      const row = shotRow(sessions, ctx.quick ? 'quick' : 'full', pace);
      for (const miss of shotGoalsMissed(row)) ctx.log(`shot-cost (${pace.label}) goal missed: ${miss}`);
      rows.push(row);
    }
    return rows;
  },
};

async function oneSession(
  ctx: BenchContext,
  stepMs: number,
  minutes: number,
): Promise<{ figures: ShotSessionFigures; worker: ShotFigures }> {
  const { env } = ctx;
  const ext = await launchWithExtension({ viewport: null });
  try {
    await configureExtension(ext, {
      endpoint: env.proxy.url,
      ingestToken: env.server.ingestToken,
      screenshots: { sites: [`http://${WEBTRACE_HOST}/*`], ...DEFAULTS },
    });
    const origin = env.pages.origin(WEBTRACE_HOST);
    for (const request of [
      { kind: 'give-consent', version: CONSENT_VERSION },
      { kind: 'set-site', origin, on: true },
    ]) {
      const answer = (await askWorker(ext, request)) as { ok?: boolean };
      if (!answer.ok) throw new Error(`${request.kind}: ${JSON.stringify(answer)}`);
    }
    const page = await ext.context.newPage();
    await page.goto(env.pageUrl(WEBTRACE_HOST, 1_300), { waitUntil: 'load', timeout: 60_000 });
    await page.bringToFront();
    await waitBadge(ext, page);
    const cdp = await ext.context.newCDPSession(page);
    const costs = await isolatedWorldReader(cdp);
    const trace = await startRendererTrace(cdp);
    const started = Date.now();
    for (let i = 0; Date.now() - started < minutes * 60_000; i++) {
      const stepStarted = Date.now();
      await sessionStep(page, i);
      // Pacing only (the figures are counted, never timed against it).
      if (stepMs > 0) await page.waitForTimeout(Math.max(0, stepMs - (Date.now() - stepStarted)));
    }
    const sessionMs = Date.now() - started;
    const tasks = await trace.stop();
    const regionReportMs = (await costs.read()) ?? [];
    const found = await ext.worker.evaluate(() => (globalThis as { webtraceShotFigures?: ShotFigures }).webtraceShotFigures ?? null);
    if (!found) throw new Error('the service worker has no webtraceShotFigures: is the shooter running?');
    // A build from before skips were counted has none (to bench it against this one).
    const worker = { ...found, skipped: found.skipped ?? {}, overBudget: found.overBudget ?? {} };
    await cdp.detach();
    const figures = shotSessionFigures({
      worker,
      regionReportMs,
      longTasks: tasks.longTasks,
      sessionMs,
      periodicSeconds: DEFAULTS.periodicSeconds,
    });
    return { figures, worker };
  } finally {
    await ext.close();
  }
}

async function waitBadge(ext: ExtensionBrowser, page: Page): Promise<void> {
  const tabId = await tabIdOf(ext, page);
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    if ((await badgeOf(ext, tabId)) === 'REC') return;
  }
  throw new Error('the tab never showed REC');
}

/** Reads `webtraceShotCosts` in the extension's content-script world of the tab (CDP: its isolated world). */
async function isolatedWorldReader(cdp: CDPSession): Promise<{ read(): Promise<number[] | null> }> {
  // Every isolated world of the tab is tried: only the content script's has the array.
  const contexts: number[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; auxData?: { type?: string } } }) => {
    if (e.context.auxData?.type === 'isolated') contexts.push(e.context.id);
  });
  await cdp.send('Runtime.enable');
  return {
    async read() {
      for (const contextId of contexts) {
        const answer = await cdp.send('Runtime.evaluate', {
          expression: 'globalThis.webtraceShotCosts ?? null',
          contextId,
          returnByValue: true,
        });
        const value = answer.result.value as number[] | null;
        if (Array.isArray(value)) return value;
      }
      return null;
    },
  };
}
