import type { CDPSession, Page } from 'playwright';
import { askWorker, configureExtension } from '../../e2e/support/extension-control';
import { launchWithExtension, type ExtensionBrowser } from '../../e2e/support/launch-extension';
import { badgeOf, tabIdOf } from '../../e2e/support/tab-id';
import { CONSENT_VERSION } from '../../lib/rules/config/consent-version';
import type { ShotFigures } from '../../lib/worker/screenshots/start-shooter';
import { WEBTRACE_HOST } from '../support/bench-env';
import { startRendererTrace } from '../support/renderer-trace';
import { sessionStep } from '../support/scripted-session';
import { shotGoalsMissed, shotRow, shotSessionFigures, type ShotSessionFigures } from '../support/shot-figures';
import type { BenchContext, Workload } from '../workload';

/**
 * What screenshots cost (issue 15), at the policy's defaults, over a scripted
 * session on the generated page: the worker's ms per stored shot by step
 * (from `globalThis.webtraceShotFigures` in the service worker), bytes per
 * shot, the page's main-thread ms per region report (the content script's
 * `webtraceShotCosts`, read in its isolated world), long tasks on the tab's
 * renderer main thread, shots per minute and bytes per recorded hour.
 *
 * A browser of its own without viewport emulation: a capture shows the real
 * window, and one that does not match the page's viewport is dropped.
 */
const DEFAULTS = { periodicSeconds: 10, perAction: true, maxWidth: 1280, quality: 0.6 };

export const shotCostWorkload: Workload = {
  id: 'shot-cost',
  describe: 'screenshots at the defaults over a scripted session: worker ms per shot, bytes, page ms per region report',
  async run(ctx) {
    const sessions: ShotSessionFigures[] = [];
    for (let rep = 0; rep < ctx.reps; rep++) {
      const figures = await oneSession(ctx);
      ctx.log(`shot-cost rep ${rep + 1}: ${figures.shots.length} shots, ${figures.regionReportMs.length} region reports`);
      sessions.push(figures);
    }
    const row = shotRow(sessions, ctx.quick ? 'quick' : 'full');
    for (const miss of shotGoalsMissed(row)) ctx.log(`shot-cost goal missed: ${miss}`);
    return [row];
  },
};

async function oneSession(ctx: BenchContext): Promise<ShotSessionFigures> {
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
    const minutes = ctx.quick ? 0.6 : 3;
    for (let i = 0; Date.now() - started < minutes * 60_000; i++) await sessionStep(page, i);
    const sessionMs = Date.now() - started;
    const tasks = await trace.stop();
    const regionReportMs = (await costs.read()) ?? [];
    const worker = await ext.worker.evaluate(() => (globalThis as { webtraceShotFigures?: ShotFigures }).webtraceShotFigures ?? null);
    if (!worker) throw new Error('the service worker has no webtraceShotFigures: is the shooter running?');
    await cdp.detach();
    return shotSessionFigures({ worker, regionReportMs, longTasks: tasks.longTasks, sessionMs, periodicSeconds: DEFAULTS.periodicSeconds });
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
