import type { Browser, BrowserContext, CDPSession, Frame, Page } from 'playwright';
import type { FrameStep } from '../../lib/schema/action';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { observeAnswerSchema, type ObserveAnswer, type ObserveRequest } from '../../lib/schema/render-observation';
import type { SelectorFindings } from './page/observe';
import { FOUND_MARK, TARGET_MARK } from './page/marks';
import { REPLAY_PAGE_HTML, replayPageScript } from './page-bundle';
import { frameAlong, markOnlyMatch, resolveSelectors } from './playwright-selectors';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** One step to render: the instant just before it, what to ask the replayed page, and whether to shoot it. */
export interface RenderRequest {
  at: number;
  observe: ObserveRequest;
  /** Device px per CSS px to shoot at: the recorded devicePixelRatio (default 1). */
  scale?: number;
  /** The iframes the target is in (the action's `frame`): its selectors resolve in the innermost one. */
  frame?: ReadonlyArray<Pick<FrameStep, 'selector'>>;
  screenshot: boolean;
}

export interface Rendered {
  answer: ObserveAnswer;
  screenshot: { bytes: Uint8Array; width: number; height: number } | null;
}

/** How long a step waits for the replayed page's images and fonts to settle (load or fail) before it is observed. */
const SETTLE_MS = 2000;

/**
 * One browser page replaying one session at a time. Events go to the page in
 * stream order, only as far as the next step needs, and the replay moves
 * forward only; each step is observed and shot at the recorded viewport size
 * and devicePixelRatio, after images and fonts have loaded or failed.
 */
export class ReplayWorker {
  private viewport = { width: 0, height: 0, scale: 1 };
  /** The last session's replay statistics (see replay-page.ts). */
  lastStats: { rebuilds: number; eventsCast: number } | null = null;

  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly format: ImageFormat,
  ) {}

  static async open(browser: Browser, format: ImageFormat): Promise<ReplayWorker> {
    const context = await browser.newContext({
      offline: true,
      deviceScaleFactor: 1,
      viewport: { width: 800, height: 600 },
      serviceWorkers: 'block',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.setContent(REPLAY_PAGE_HTML);
    await page.addScriptTag({ content: await replayPageScript() });
    const cdp = await context.newCDPSession(page);
    return new ReplayWorker(context, page, cdp, format);
  }

  /** Renders `requests` (ascending `at`) over `events` (the session, in stream order). */
  async renderSession(
    events: readonly RrwebEvent[],
    requests: readonly RenderRequest[],
    onStep?: (i: number, r: Rendered) => void,
  ): Promise<Rendered[]> {
    const out: Rendered[] = [];
    if (events.length < 2 || requests.length === 0) return out;
    await this.page.evaluate((first) => (window as unknown as Api).webtraceReplay.start(first), events.slice(0, 2) as RrwebEvent[]);
    let sent = 2;
    try {
      for (const [i, req] of requests.entries()) {
        let end = sent;
        while (end < events.length && events[end]!.timestamp < req.at) end++;
        const batch = events.slice(sent, end) as RrwebEvent[];
        sent = end;
        const prepared = await this.page.evaluate(advanceAndMark, { batch, at: req.at, nodeId: req.observe.nodeId, settleMs: SETTLE_MS });
        const findings = prepared.ready
          ? await this.findSelectors(req, prepared.marked)
          : { selectors: req.observe.selectors.map(() => ({ matchCount: 0, verified: false })), foundBySelector: false };
        const raw = await this.page.evaluate(
          ({ observe, findings }) => (window as unknown as Api).webtraceReplay.observe(observe, findings),
          { observe: req.observe, findings },
        );
        const answer = observeAnswerSchema.parse(raw);
        const screenshot =
          req.screenshot && answer.ready && answer.viewport.width > 0 && answer.viewport.height > 0
            ? await this.shoot(answer.viewport, req.scale ?? 1)
            : null;
        const rendered = { answer, screenshot };
        out.push(rendered);
        onStep?.(i, rendered);
      }
    } finally {
      this.lastStats = await this.page.evaluate(() => {
        const api = (window as unknown as Api).webtraceReplay;
        const stats = api.stats();
        api.destroy();
        return stats;
      });
    }
    return out;
  }

  /**
   * The step's selectors through Playwright's own engines in the replay's
   * frame (and the action's iframes inside it): each one's match count, and
   * whether it finds exactly the marked target. Without the target's node, the
   * element of the first selector that finds exactly one is marked as found.
   */
  private async findSelectors(req: RenderRequest, marked: boolean): Promise<SelectorFindings> {
    const selectors = req.observe.selectors;
    const none: SelectorFindings = { selectors: selectors.map(() => ({ matchCount: 0, verified: false })), foundBySelector: false };
    const top = this.replayFrame();
    const frame = top && (await frameAlong(top, req.frame ?? []));
    if (!frame || selectors.length === 0) return none;
    const resolved = await resolveSelectors(frame, selectors, marked ? { attribute: TARGET_MARK, value: '1' } : null);
    const unique = marked ? -1 : resolved.findIndex((r) => r.matchCount === 1);
    const foundBySelector = unique >= 0 && (await markOnlyMatch(frame, selectors[unique]!, FOUND_MARK));
    return { selectors: resolved.map(({ matchCount, verified }) => ({ matchCount, verified })), foundBySelector };
  }

  /** The replayer's iframe: the recorded page's top document. */
  private replayFrame(): Frame | null {
    const main = this.page.mainFrame();
    return main.childFrames()[0] ?? null;
  }

  /**
   * The viewport at `size` CSS px rendered at `scale` device px per CSS px (the
   * recorded devicePixelRatio, so the screenshot has the pixels the person's
   * screen had): `size * scale` pixels. Layout stays in CSS px.
   */
  private async shoot(
    size: { width: number; height: number },
    scale: number,
  ): Promise<{ bytes: Uint8Array; width: number; height: number }> {
    if (size.width !== this.viewport.width || size.height !== this.viewport.height || scale !== this.viewport.scale) {
      await this.cdp.send('Emulation.setDeviceMetricsOverride', {
        width: size.width,
        height: size.height,
        deviceScaleFactor: scale,
        mobile: false,
      });
      this.viewport = { ...size, scale };
    }
    const { data } = await this.cdp.send('Page.captureScreenshot', {
      format: this.format,
      ...(this.format === 'png' ? {} : { quality: 85 }),
      clip: { x: 0, y: 0, width: size.width, height: size.height, scale: 1 },
      captureBeyondViewport: false,
      fromSurface: true,
    });
    return {
      bytes: new Uint8Array(Buffer.from(data, 'base64')),
      width: Math.round(size.width * scale),
      height: Math.round(size.height * scale),
    };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

interface Api {
  webtraceReplay: {
    start(events: RrwebEvent[]): void;
    add(events: RrwebEvent[]): Promise<void>;
    advance(t: number): { width: number; height: number };
    mark(nodeId: number | null): { ready: boolean; marked: boolean };
    observe(req: ObserveRequest, findings: SelectorFindings): ObserveAnswer;
    stats(): { rebuilds: number; eventsCast: number };
    destroy(): void;
  };
}

/** Runs in the page: feed, move forward, let images and fonts settle, mark the recorded target. */
async function advanceAndMark(args: {
  batch: RrwebEvent[];
  at: number;
  nodeId: number | null;
  settleMs: number;
}): Promise<{ ready: boolean; marked: boolean }> {
  const api = (window as unknown as Api).webtraceReplay;
  await api.add(args.batch);
  api.advance(args.at);
  const frame = document.querySelector('.replayer-wrapper > iframe') as HTMLIFrameElement | null;
  const doc = frame?.contentDocument;
  if (doc) {
    const pending: Array<Promise<unknown>> = [];
    const docs = [
      doc,
      ...Array.from(doc.querySelectorAll('iframe'))
        .map((f) => (f as HTMLIFrameElement).contentDocument)
        .filter((d): d is Document => !!d),
    ];
    for (const d of docs) {
      for (const img of Array.from(d.images))
        if (!img.complete)
          pending.push(
            new Promise((r) => {
              img.addEventListener('load', r, { once: true });
              img.addEventListener('error', r, { once: true });
            }),
          );
      if (d.fonts && d.fonts.status !== 'loaded') pending.push(d.fonts.ready);
    }
    if (pending.length) await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, args.settleMs))]);
  }
  return api.mark(args.nodeId);
}
