import { test, expect } from '@playwright/test';
import type { Browser } from 'playwright';
import type { RrwebEvent } from '../lib/schema/rrweb-event';
import type { ObserveRequest } from '../lib/schema/render-observation';
import { rng, sessionEvents } from '../exporter/bench/generate-store';
import { launchBrowser } from '../exporter/render/launch-browser';
import { ReplayWorker, type RenderRequest } from '../exporter/render/replay-worker';
import { pngSize } from './support/run-export';

/**
 * The exporter's renderer on the real engine: rrweb's Replayer in headless
 * Chromium, playing a session forward once however many steps are observed,
 * and what it reports about the replayed page at each step.
 */
let browser: Browser;
test.beforeAll(async () => {
  test.skip(!!process.env.WEBTRACE_SKIP_E2E, 'no Chromium on this machine');
  browser = await launchBrowser();
});
test.afterAll(async () => {
  await browser?.close();
});

const SITE = 'https://app.example.test';
const actionTimes = (events: RrwebEvent[]) => events.filter((e) => e.type === 5).map((e) => e.timestamp);
const observe = (over: Partial<ObserveRequest> = {}): ObserveRequest => ({
  nodeId: null,
  selectors: [],
  point: null,
  topK: 10,
  full: true,
  ...over,
});

test('plays a session forward once: one rebuild per page load and every event applied once, whatever the number of steps', async () => {
  const worker = await ReplayWorker.open(browser, 'png');
  try {
    const first = sessionEvents(120, SITE, 1_700_000_000_000, rng(5));
    const end = first.at(-1)!.timestamp;
    const second = sessionEvents(80, SITE, end + 1000, rng(6)).map((e) =>
      e.type === 4 ? { ...e, data: { ...(e.data as object), width: 900, height: 500 } } : e,
    );
    const events = [...first, ...second];
    const requests: RenderRequest[] = actionTimes(events).map((at) => ({ at, observe: observe({ full: false }), screenshot: true }));
    const shots = await worker.renderSession(events, requests);
    expect(shots).toHaveLength(200);
    expect(worker.lastStats!.rebuilds).toBe(2);
    expect(worker.lastStats!.eventsCast).toBeLessThanOrEqual(events.length);
    // Every screenshot is the viewport the recorder saw at that step.
    const sizes = shots.map((s) => pngSize(s.screenshot!.bytes));
    expect(sizes.slice(1, 120).every((s) => s.width === 1024 && s.height === 640)).toBe(true);
    expect(sizes.slice(121).every((s) => s.width === 900 && s.height === 500)).toBe(true);
  } finally {
    await worker.close();
  }
});

test('observes the replayed page: target box, verified and ambiguous selectors, DOM with ids and rects, accessibility tree, candidates', async () => {
  const worker = await ReplayWorker.open(browser, 'png');
  try {
    const events = sessionEvents(6, SITE, 1_700_000_000_000, rng(5));
    const at = actionTimes(events)[2]!;
    const [r] = await worker.renderSession(events, [
      {
        at,
        screenshot: true,
        observe: observe({
          nodeId: 31,
          selectors: [
            { kind: 'css', value: '#action-1' },
            { kind: 'role', value: 'role=button[name="Action 1"]' },
            { kind: 'xpath', value: '//*[@id="action-1"]' },
            { kind: 'css', value: '.btn' },
            { kind: 'css', value: '#nothing-here' },
            { kind: 'role', value: 'role=button[name="Action 1"' },
            { kind: 'role', value: 'role=button[name*="Action 1"]' },
            { kind: 'css', value: 'li >> role=button[name="Action 1"]' },
            { kind: 'role', value: 'role=button[name="action 1"]' },
            { kind: 'xpath', value: '/html/body//button[@id="action-1"]' },
          ],
        }),
      },
    ]);
    const a = r!.answer;
    expect(a).toMatchObject({ ready: true, located: 'node_id', nodeId: 31, viewport: { width: 1024, height: 640 } });
    // Playwright's own engines: `[name="..."]` is the whole name, case-sensitively; `*=` a part of it
    // ("Action 1" in "Action 10" .. "Action 19"); `>>` chains; an XPath not starting with `//`.
    expect(a.selectors).toEqual([
      { matchCount: 1, verified: true },
      { matchCount: 1, verified: true },
      { matchCount: 1, verified: true },
      { matchCount: 20, verified: false },
      { matchCount: 0, verified: false },
      { matchCount: 0, verified: false },
      { matchCount: 11, verified: false },
      { matchCount: 1, verified: true },
      { matchCount: 0, verified: false },
      { matchCount: 1, verified: true },
    ]);
    expect(a.bbox!.width).toBeGreaterThan(20);
    expect(a.domHtml).toMatch(
      /<button type="button" id="action-1" class="btn" data-webtrace-id="31" data-webtrace-rect="[\d.]+,[\d.]+,[\d.]+,[\d.]+">Action 1<\/button>/,
    );
    expect(a.domHtml).not.toMatch(/:hover|rrweb-paused/);
    expect(a.axtree).toMatch(/^RootWebArea ''\n/);
    expect(a.axtree).toContain("[12] textbox 'Email'");
    expect(a.axtree).toContain("[15] combobox 'Plan'");
    expect(a.axtree).toMatch(/\t+\[31\] button 'Action 1'\n/);
    expect(a.candidates.length).toBe(10);
    expect(a.candidates.filter((c) => c.is_target)).toEqual([
      expect.objectContaining({ node_id: 31, role: 'button', name: 'Action 1', in_viewport: true }),
    ]);

    // Without its id the target is found by its first selector that finds one element, else under its point.
    const [bySelector, byPoint] = await worker.renderSession(events, [
      {
        at,
        screenshot: false,
        observe: observe({
          nodeId: 9999,
          selectors: [
            { kind: 'css', value: '.btn' },
            { kind: 'css', value: '#action-2' },
          ],
        }),
      },
      { at, screenshot: false, observe: observe({ nodeId: null, point: { x: a.bbox!.x + 5, y: a.bbox!.y + 5 } }) },
    ]);
    expect(bySelector!.answer).toMatchObject({ located: 'selector', nodeId: 34 });
    expect(byPoint!.answer).toMatchObject({ located: 'point', nodeId: 31 });
  } finally {
    await worker.close();
  }
});

test('shoots at the recorded devicePixelRatio: device pixels in the image, CSS pixels in the boxes', async () => {
  const worker = await ReplayWorker.open(browser, 'png');
  try {
    const events = sessionEvents(6, SITE, 1_700_000_000_000, rng(5));
    const at = actionTimes(events)[2]!;
    const look = observe({ nodeId: 31, full: false });
    const [one, two, back] = await worker.renderSession(events, [
      { at, screenshot: true, observe: look },
      { at, screenshot: true, observe: look, scale: 2 },
      { at, screenshot: true, observe: look, scale: 1 },
    ]);
    expect(pngSize(one!.screenshot!.bytes)).toEqual({ width: 1024, height: 640 });
    expect(pngSize(two!.screenshot!.bytes)).toEqual({ width: 2048, height: 1280 });
    expect(two!.screenshot).toMatchObject({ width: 2048, height: 1280 });
    expect(pngSize(back!.screenshot!.bytes)).toEqual({ width: 1024, height: 640 });
    // The page is laid out the same: the box is in CSS px whatever the scale.
    expect(two!.answer.viewport).toEqual({ width: 1024, height: 640 });
    expect(two!.answer.bbox).toEqual(one!.answer.bbox);
  } finally {
    await worker.close();
  }
});
