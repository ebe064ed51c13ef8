import { describe, expect, it } from 'vitest';
import type { Action } from '../../lib/schema/action';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import type { ObserveAnswer } from '../../lib/schema/render-observation';
import type { SessionAction } from '../../exporter/episodes/load-session';
import { buildStep } from '../../exporter/steps/build-step';
import { stepMoments, type StepMoment } from '../../exporter/steps/step-timeline';

const input = (t: number, id: number): RrwebEvent => ({ type: 3, timestamp: t, data: { source: 5, id, text: '***' } });
const custom = (t: number): RrwebEvent => ({ type: 5, timestamp: t, data: { tag: 'webtrace.action' } });
const target = {
  tag: 'input',
  role: 'textbox',
  name: 'Email',
  nodeId: 12,
  bbox: { x: 790, y: 100, width: 40, height: 20 },
  ancestors: [],
  selectors: [{ kind: 'css' as const, value: '#email', matches: 1 }],
};

describe('stepMoments', () => {
  it('looks at typing, choices and checks before their first value event, and never goes back in time', () => {
    const events: RrwebEvent[] = [
      { type: 4, timestamp: 0, data: { href: 'x', width: 1000, height: 700 } },
      { type: 2, timestamp: 0, data: {} },
      custom(100), // click
      input(200, 12),
      input(300, 12),
      { type: 3, timestamp: 350, data: { source: 4, width: 900, height: 600 } },
      custom(400), // type
      custom(400), // key, same instant
    ];
    const actions: SessionAction[] = [2, 6, 7].map((index, k) => ({
      action: { type: (['click', 'type', 'key'] as const)[k]!, t: events[index]!.timestamp, url: 'x', target: k === 1 ? target : null },
      index,
      site: 'x',
      page: 0,
    }));
    expect(stepMoments(events, actions)).toEqual([
      { at: 100, viewport: { width: 1000, height: 700 }, recorded: null, afterLoad: false, title: null },
      { at: 200, viewport: { width: 900, height: 600 }, recorded: null, afterLoad: false, title: null },
      { at: 400, viewport: { width: 900, height: 600 }, recorded: null, afterLoad: false, title: null },
    ]);
  });

  it("moves an action sharing its page's first instant to just after the snapshot", () => {
    const events: RrwebEvent[] = [
      { type: 4, timestamp: 50, data: { href: 'x', width: 800, height: 600 } },
      { type: 2, timestamp: 50, data: {} },
      custom(50),
    ];
    expect(stepMoments(events, [{ action: { type: 'navigate', t: 50, url: 'x', target: null }, index: 2, site: 'x', page: 0 }])).toEqual([
      { at: 51, viewport: { width: 800, height: 600 }, recorded: null, afterLoad: true, title: null },
    ]);
  });
});

describe('stepMoments: the recorded viewport', () => {
  it('keeps the viewport an action reported for later actions of its page, and forgets it when a page starts', () => {
    const vp = { width: 800, height: 600, devicePixelRatio: 2 };
    const events: RrwebEvent[] = [
      { type: 4, timestamp: 0, data: { href: 'x', width: 800, height: 600 } },
      { type: 2, timestamp: 0, data: {} },
      custom(100),
      custom(200),
      { type: 4, timestamp: 300, data: { href: 'y', width: 800, height: 600 } },
      { type: 2, timestamp: 300, data: {} },
      custom(400),
    ];
    const actions: SessionAction[] = [2, 3, 6].map((index, k) => ({
      action: { type: 'click', t: events[index]!.timestamp, url: 'x', target: null, ...(k === 0 ? { viewport: vp } : {}) },
      index,
      site: 'x',
      page: k === 2 ? 1 : 0,
    }));
    expect(stepMoments(events, actions).map((m) => m.recorded)).toEqual([vp, vp, null]);
  });
});

describe('buildStep', () => {
  const action: Action = { type: 'type', t: 1000, url: 'https://a.test/form', target, value: { kind: 'masked', length: 4 } };
  const answer: ObserveAnswer = {
    ready: true,
    title: 'Form',
    viewport: { width: 800, height: 600 },
    scroll: { x: 0, y: 50 },
    located: 'node_id',
    nodeId: 12,
    bbox: { x: 780, y: 100, width: 40, height: 20 },
    elementScroll: { x: 0, y: 0 },
    selectors: [{ matchCount: 1, verified: true }],
    domHtml: '<html></html>',
    axtree: "RootWebArea 'Form'",
    candidates: [],
  };
  const build = (a: ObserveAnswer | null) =>
    buildStep({
      episodeId: 'ep_1',
      stepIndex: 3,
      tMs: 500,
      site: 'https://a.test',
      action,
      moment: { at: 900, viewport: { width: 800, height: 600 }, recorded: null, afterLoad: false, title: null },
      observed: a && { answer: a, screenshot: { bytes: new Uint8Array([1]), width: 800, height: 600 }, domHtmlGz: new Uint8Array([2]) },
      screenshotPath: 's.png',
      domPath: 'd.html.gz',
      likelyEffect: false,
      capture: null,
    });

  it('uses the replayed box, clips bbox_norm to the screenshot and points at the visible part', () => {
    const row = build(answer);
    expect(row.action_uid).toBe('ep_1-0003');
    expect(row.action).toMatchObject({ value: '****', value_length: 4, value_kind: 'masked' });
    expect(row.target).toMatchObject({
      located: 'node_id',
      bbox_css: answer.bbox,
      bbox_page: { x: 780, y: 150, width: 40, height: 20 },
      point_css: { x: 790, y: 110 },
      in_viewport: true,
    });
    expect(row.target!.selectors[0]).toEqual({ kind: 'css', value: '#email', match_count_recorded: 1, match_count: 1, verified: true });
    expect(row.derived.bbox_norm).toEqual({ x: 0.975, y: 0.1667, width: 0.025, height: 0.0333 });
    expect(row.derived.bbox_norm!.x + row.derived.bbox_norm!.width).toBeLessThanOrEqual(1);
    expect(row.derived.browsergym).toBe("fill('12', '****')");
    expect(row.observation).toMatchObject({
      viewport: { width: 800, height: 600 },
      dpr: 1,
      dpr_assumed: true,
      screenshot_size: { width: 800, height: 600 },
      screenshot_scale: 1,
    });
    expect(row.flags).toEqual(['bbox_moved', 'point_assumed', 'value_masked', 'dpr_assumed']);
  });

  it('flags what it could not check', () => {
    expect(build({ ...answer, located: 'none', nodeId: null, bbox: null, selectors: [{ matchCount: 2, verified: false }] }).flags).toEqual(
      expect.arrayContaining(['not_located', 'selector_ambiguous', 'selector_unverified']),
    );
    const unrendered = build(null);
    expect(unrendered.observation).toBeNull();
    expect(unrendered.target!.bbox_css).toEqual(target.bbox);
    expect(unrendered.flags).toContain('not_rendered');
  });
});

describe('buildStep with the action facts', () => {
  const option = {
    tag: 'li',
    role: 'option',
    name: 'Research',
    nodeId: 88,
    bbox: { x: 100, y: 200, width: 120, height: 30 },
    ancestors: [{ role: 'row', name: 'EX-1003' }],
    selectors: [{ kind: 'role' as const, value: 'role=option[name="Research"]', matches: 1 }],
  };
  const control = {
    tag: 'div',
    role: 'combobox',
    name: 'Cost center',
    nodeId: 70,
    bbox: null,
    ancestors: [{ role: 'row', name: 'EX-1003' }],
    selectors: [{ kind: 'role' as const, value: 'role=combobox[name="Cost center"]', matches: 1 }],
  };
  const choose: Action = {
    type: 'select',
    t: 2000,
    url: 'https://a.test/claims',
    target: option,
    control,
    value: { kind: 'label', label: 'Research' },
    via: 'pointer',
    point: { x: 130, y: 212 },
    modifiers: ['Shift'],
    viewport: { width: 800, height: 600, devicePixelRatio: 2 },
    frame: [{ selector: 'iframe#claims', nodeId: 9 }],
  };
  const moment = (recorded: StepMoment['recorded']): StepMoment => ({
    at: 1900,
    viewport: { width: 800, height: 600 },
    recorded,
    afterLoad: false,
    title: null,
  });
  const build = (action: Action, recorded: StepMoment['recorded'] = action.viewport ?? null) =>
    buildStep({
      episodeId: 'ep_1',
      stepIndex: 0,
      tMs: 0,
      site: 'https://a.test',
      action,
      moment: moment(recorded),
      observed: null,
      screenshotPath: 's.png',
      domPath: 'd.html.gz',
      likelyEffect: false,
      capture: null,
    });

  it('names the control a choice was made in, with the gesture, point, modifiers, frame and recorded DPR', () => {
    const row = build(choose);
    expect(row.target!.control).toEqual({
      node_id: 70,
      tag: 'div',
      role: 'combobox',
      name: 'Cost center',
      label: null,
      ancestors: [{ role: 'row', name: 'EX-1003' }],
      selectors: [{ kind: 'role', value: 'role=combobox[name="Cost center"]', match_count_recorded: 1 }],
    });
    expect(row.target!.frame_path).toEqual([{ selector: 'iframe#claims', node_id: 9 }]);
    expect(row.target!.point_css).toEqual({ x: 130, y: 212 });
    expect(row.action).toMatchObject({ via: 'pointer', modifiers: ['Shift'], value: 'Research', value_date: null, value_path: [] });
    expect(row.derived.instruction).toBe('Choose "Research" in the combobox "Cost center" in the row "EX-1003" in an embedded frame');
    expect(row.flags).not.toContain('point_assumed');
    expect(row.flags).not.toContain('dpr_assumed');
  });

  it('gives the screenshot in device px at the recorded DPR, boxes in CSS px, bbox_norm as fractions of either', () => {
    const answer: ObserveAnswer = {
      ready: true,
      title: null,
      viewport: { width: 800, height: 600 },
      scroll: { x: 0, y: 0 },
      located: 'node_id',
      nodeId: 88,
      bbox: { x: 100, y: 200, width: 120, height: 30 },
      elementScroll: { x: 0, y: 0 },
      selectors: [{ matchCount: 1, verified: true }],
      domHtml: null,
      axtree: null,
      candidates: [],
    };
    const row = buildStep({
      episodeId: 'ep_1',
      stepIndex: 0,
      tMs: 0,
      site: 'https://a.test',
      action: choose,
      moment: moment(choose.viewport!),
      observed: { answer, screenshot: { bytes: new Uint8Array([1]), width: 1600, height: 1200 }, domHtmlGz: null },
      screenshotPath: 's.png',
      domPath: 'd.html.gz',
      likelyEffect: false,
      capture: null,
    });
    expect(row.observation).toMatchObject({
      viewport: { width: 800, height: 600 },
      dpr: 2,
      dpr_assumed: false,
      screenshot_size: { width: 1600, height: 1200 },
      screenshot_scale: 2,
    });
    expect(row.target!.bbox_css).toEqual({ x: 100, y: 200, width: 120, height: 30 });
    expect(row.derived.bbox_norm).toEqual({ x: 0.125, y: 0.3333, width: 0.15, height: 0.05 });
    expect(row.derived.point_norm).toEqual({ x: 0.1625, y: 0.3533 });
  });

  it("carries a date, a multi-level path, the submitter, and a key combination's modifiers", () => {
    const date = build({
      ...choose,
      control: undefined,
      frame: undefined,
      target: { ...option, role: 'gridcell', name: '15', ancestors: [] },
      value: { kind: 'label', label: '15', date: '2024-03-15' },
    });
    expect(date.action).toMatchObject({ value: '15', value_date: '2024-03-15' });
    expect(date.derived.instruction).toBe('Choose "15" (2024-03-15) in the gridcell "15"');
    const path = build({ ...choose, value: { kind: 'label', label: 'Europe > Germany > Berlin' } });
    expect(path.action.value_path).toEqual(['Europe', 'Germany', 'Berlin']);
    const submit = build({
      type: 'submit',
      t: 3000,
      url: 'https://a.test/claims',
      target: { ...option, tag: 'form', role: 'form', name: 'New claim', ancestors: [] },
      submitter: { tag: 'button', role: 'button', name: 'Send', nodeId: 91 },
    });
    expect(submit.action.submitter).toEqual({ node_id: 91, tag: 'button', role: 'button', name: 'Send' });
    expect(submit.derived.instruction).toBe('Submit the form "New claim" with the button "Send"');
    const key = build({ type: 'key', t: 3000, url: 'https://a.test/', target: null, key: 'Control+Shift+K' }, null);
    expect(key.action).toMatchObject({ key: 'K', modifiers: ['Control', 'Shift'] });
    expect(key.flags).toContain('dpr_assumed');
  });
});

describe('buildStep with a captured shot', () => {
  const click: Action = {
    type: 'click',
    t: 5000,
    url: 'https://a.test/list',
    target: { ...target, nodeId: 40, bbox: { x: 100, y: 100, width: 50, height: 20 } },
    point: { x: 125, y: 110 },
    viewport: { width: 1000, height: 500, devicePixelRatio: 2 },
  };
  // A 1000x500 CSS viewport shot at DPR 2, downscaled to 640 px wide: 0.64 image px per CSS px (not the DPR).
  const capture = {
    bytes: new Uint8Array([82, 73, 70, 70]),
    image: { width: 640, height: 320 },
    scale: 0.64,
    viewport: { width: 1000, height: 500 },
    scroll: { x: 0, y: 300 },
    gapMs: 250,
  };
  const answer: ObserveAnswer = {
    ready: true,
    title: 'List',
    viewport: { width: 1000, height: 500 },
    scroll: { x: 0, y: 400 },
    located: 'node_id',
    nodeId: 40,
    bbox: { x: 100, y: 100, width: 50, height: 20 },
    elementScroll: null,
    selectors: [{ matchCount: 1, verified: true }],
    domHtml: null,
    axtree: null,
    candidates: [],
  };
  const build = (observed: ObserveAnswer | null, cap: typeof capture | null) =>
    buildStep({
      episodeId: 'ep_1',
      stepIndex: 1,
      tMs: 0,
      site: 'https://a.test',
      action: click,
      moment: { at: 5000, viewport: { width: 1000, height: 500 }, recorded: click.viewport!, afterLoad: false, title: null },
      observed: observed && { answer: observed, screenshot: { bytes: new Uint8Array([9]), width: 2000, height: 1000 }, domHtmlGz: null },
      capture: cap,
      screenshotPath: 's.webp',
      domPath: 'd.html.gz',
      likelyEffect: false,
    });

  it("uses the shot's bytes, image size and scale, and places bbox_norm where the target was when it was taken", () => {
    const row = build(answer, capture);
    expect(row.screenshot).toEqual({ bytes: capture.bytes, path: 's.webp' });
    expect(row.observation).toMatchObject({
      screenshot_source: 'capture',
      screenshot_gap_ms: 250,
      screenshot_size: { width: 640, height: 320 },
      screenshot_scale: 0.64,
      dpr: 2,
      scroll_xy: { x: 0, y: 400 },
    });
    // The page was 100 px less scrolled in the shot: the target sat 100 CSS px lower there.
    expect(row.derived.bbox_norm).toEqual({ x: 0.1, y: 0.4, width: 0.05, height: 0.04 });
    expect(row.derived.point_norm).toEqual({ x: 0.125, y: 0.42 });
    expect(row.target!.bbox_css).toEqual(answer.bbox);
  });

  it('uses the shot with --no-render too, its own viewport and scroll in the observation', () => {
    const row = build(null, { ...capture, scroll: { x: 0, y: 400 } });
    expect(row.observation).toMatchObject({ screenshot_source: 'capture', viewport: { width: 1000, height: 500 }, candidates: [] });
    expect(row.derived.bbox_norm).toEqual({ x: 0.1, y: 0.2, width: 0.05, height: 0.04 });
    expect(row.flags).toContain('not_rendered');
  });

  it('falls back to the rendering without one: source replay, no gap', () => {
    const row = build(answer, null);
    expect(row.observation).toMatchObject({ screenshot_source: 'replay', screenshot_gap_ms: null, screenshot_scale: 2 });
    expect(row.derived.bbox_norm).toEqual({ x: 0.1, y: 0.2, width: 0.05, height: 0.04 });
    expect(build(null, null).observation).toBeNull();
  });
});
