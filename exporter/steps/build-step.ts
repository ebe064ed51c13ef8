import type { Action } from '../../lib/schema/action';
import type { Box, Point, Size } from '../../lib/schema/dataset-primitives';
import type { StepFlag, StepRow } from '../../lib/schema/dataset-row';
import type { StepAction } from '../../lib/schema/dataset-step-action';
import type { StepTarget } from '../../lib/schema/dataset-step-target';
import type { ObserveAnswer } from '../../lib/schema/render-observation';
import { actionStrings, visiblePart } from '../derive/action-strings';
import { instructionOf } from '../derive/instruction';
import { urlTemplate } from '../episodes/url-template';
import { controlOf, framePathOf, geometryOf, keyOf, modifiersOf, pointOf, submitterOf, valuePathOf } from './action-facts';
import type { StepMoment } from './step-timeline';
import { stepPicture, type StepCapture, type StepImage } from './step-observation';

/** What the renderer saw just before the step (null with --no-render). */
export interface StepObservation {
  answer: ObserveAnswer;
  screenshot: StepImage | null;
  domHtmlGz: Uint8Array | null;
}

export interface StepInput {
  episodeId: string;
  stepIndex: number;
  tMs: number;
  site: string;
  action: Action;
  moment: StepMoment;
  observed: StepObservation | null;
  /** The captured shot chosen for the step (issue 15): it is the step's screenshot instead of the rendering. */
  capture: StepCapture | null;
  /** Relative paths the screenshot and DOM files get (JSONL, views, the Image struct's `path`). */
  screenshotPath: string;
  domPath: string;
  /** The previous step of the episode caused this one (a navigation or submit right after a click or key). */
  likelyEffect: boolean;
}

/** A recorded box counts as moved when the replayed one is this far off (CSS px). */
const MOVED_PX = 4;

/** One dataset row from a recorded action and what the replay showed just before it. */
export function buildStep(input: StepInput): StepRow {
  const { action, observed, moment } = input;
  const answer = observed?.answer ?? null;
  const geometry = geometryOf(answer?.ready ? answer.viewport : moment.viewport, moment.recorded);
  const viewport = geometry.viewport;
  const target = action.target ? stepTarget(action, answer, viewport) : null;
  const stepAction = stepActionOf(action, answer);
  const rendered = answer?.ready === true;
  const picture = stepPicture({ answer, geometry, rendered: observed?.screenshot ?? null, capture: input.capture });
  const { size: frame, offset } = picture.frame;
  const bboxVisible = target?.bbox_css && hasArea(frame) ? visiblePart(shift(target.bbox_css, offset), frame) : null;
  const point = target?.point_css ? shift(target.point_css, offset) : null;
  const pointNorm = point && hasArea(frame) && inside(point, frame) ? norm(point, frame) : null;
  const scrollAt =
    stepAction.type === 'scroll' && hasArea(frame) ? (bboxVisible ? norm(centre(bboxVisible), frame) : { x: 0.5, y: 0.5 }) : null;
  const strings = actionStrings({ action: stepAction, url: action.url, target, pointNorm, scrollAt });
  const shot = picture.image;
  return {
    action_uid: `${input.episodeId}-${String(input.stepIndex).padStart(4, '0')}`,
    episode_id: input.episodeId,
    step_index: input.stepIndex,
    t_ms: Math.max(0, Math.round(input.tMs)),
    site: input.site,
    url: action.url,
    url_template: urlTemplate(action.url),
    page_title: rendered ? answer.title : moment.title,
    action: stepAction,
    target,
    observation: picture.observation,
    screenshot: shot ? { bytes: shot.bytes, path: input.screenshotPath } : null,
    dom_html_gz: observed?.domHtmlGz ?? null,
    dom_path: observed?.domHtmlGz ? input.domPath : null,
    axtree: answer?.axtree ?? null,
    derived: {
      instruction: instructionOf(stepAction, target, action.url),
      bbox_norm: bboxVisible && normBox(bboxVisible, frame),
      point_norm: pointNorm,
      browsergym: strings.browsergym,
      webarena: strings.webarena,
      pyautogui: strings.pyautogui,
      mind2web_action_repr: strings.mind2web,
    },
    flags: stepFlags({ input, target, stepAction, answer, rendered, dprAssumed: geometry.dprAssumed, strings }),
  };
}

function stepActionOf(action: Action, answer: ObserveAnswer | null): StepAction {
  const value = action.value;
  const observedScroll = answer?.ready ? (answer.elementScroll ?? answer.scroll) : null;
  return {
    type: action.type,
    value_kind: value?.kind ?? 'none',
    value: value?.kind === 'masked' ? '*'.repeat(value.length) : value?.kind === 'label' ? value.label : null,
    value_length: value?.kind === 'masked' ? value.length : null,
    value_date: value?.kind === 'label' ? (value.date ?? null) : null,
    value_path: valuePathOf(action),
    key: keyOf(action),
    modifiers: modifiersOf(action),
    button: action.button ?? null,
    checked: action.checked ?? null,
    navigation: action.navigation ?? null,
    via: action.via ?? null,
    submitter: submitterOf(action),
    scroll_to: action.scroll ?? null,
    scroll_delta: action.scroll && observedScroll ? { x: action.scroll.x - observedScroll.x, y: action.scroll.y - observedScroll.y } : null,
  };
}

function stepTarget(action: Action, answer: ObserveAnswer | null, viewport: Size): StepTarget {
  const t = action.target!;
  const rendered = answer?.ready === true;
  const located = rendered ? answer.located : 'none';
  const bbox = rendered && answer.bbox ? answer.bbox : t.bbox;
  const recordedPoint = pointOf(action);
  const visible = bbox && hasArea(viewport) ? visiblePart(bbox, viewport) : null;
  return {
    node_id: rendered && answer.nodeId !== null && located !== 'node_id' ? answer.nodeId : t.nodeId,
    tag: t.tag,
    role: t.role,
    name: t.name,
    label: t.label ?? null,
    placeholder: t.placeholder ?? null,
    input_type: t.inputType ?? null,
    test_id: t.testId ?? null,
    ancestors: t.ancestors.map((a) => ({ role: a.role, name: a.name })),
    control: controlOf(action),
    frame_path: framePathOf(action),
    hit_tag: t.hit?.tag ?? null,
    hit_node_id: t.hit?.nodeId ?? null,
    selectors: t.selectors.map((s, i) => ({
      kind: s.kind,
      value: s.value,
      match_count_recorded: s.matches,
      match_count: rendered ? (answer.selectors[i]?.matchCount ?? 0) : null,
      verified: rendered ? (answer.selectors[i]?.verified ?? false) : false,
    })),
    bbox_css: bbox,
    bbox_page: bbox && rendered ? { ...bbox, x: bbox.x + answer.scroll.x, y: bbox.y + answer.scroll.y } : null,
    bbox_recorded_css: t.bbox,
    point_css: recordedPoint ?? (visible ? centre(visible) : bbox ? centre(bbox) : null),
    in_viewport: visible !== null,
    located,
  };
}

function stepFlags(f: {
  input: StepInput;
  target: StepTarget | null;
  stepAction: StepAction;
  answer: ObserveAnswer | null;
  rendered: boolean;
  dprAssumed: boolean;
  strings: { browsergym: string | null };
}): StepFlag[] {
  const flags: StepFlag[] = [];
  const { target, rendered } = f;
  if (target) {
    if (!target.in_viewport) flags.push('target_offscreen');
    const unique = target.selectors.some((s) => (rendered ? s.match_count === 1 : s.match_count_recorded === 1));
    if (!unique) flags.push('selector_ambiguous');
    if (rendered && !target.selectors.some((s) => s.verified)) flags.push('selector_unverified');
    if (rendered && target.located === 'none') flags.push('not_located');
    const recorded = target.bbox_recorded_css;
    if (rendered && recorded && target.bbox_css && target.located !== 'none' && moved(recorded, target.bbox_css)) flags.push('bbox_moved');
    if (pointOf(f.input.action) === null) flags.push('point_assumed');
  }
  if (f.stepAction.value_kind === 'masked') flags.push('value_masked');
  if (f.dprAssumed) flags.push('dpr_assumed');
  if (!rendered) flags.push('not_rendered');
  if (f.input.moment.afterLoad) flags.push('observation_after_load');
  if (f.input.likelyEffect) flags.push('likely_effect');
  if (f.strings.browsergym === null) flags.push('no_agent_action');
  return flags;
}

const hasArea = (s: Size): boolean => s.width > 0 && s.height > 0;
const inside = (p: Point, s: Size): boolean => p.x >= 0 && p.y >= 0 && p.x <= s.width && p.y <= s.height;
const shift = <T extends Point>(p: T, by: Point): T => ({ ...p, x: p.x + by.x, y: p.y + by.y });
const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const norm = (p: Point, s: Size): Point => ({ x: round4(p.x / s.width), y: round4(p.y / s.height) });
/** Edges rounded and clamped first, so x + width never passes 1 by rounding. */
function normBox(b: Box, s: Size): Box {
  const x0 = clamp01(round4(b.x / s.width));
  const y0 = clamp01(round4(b.y / s.height));
  const x1 = clamp01(round4((b.x + b.width) / s.width));
  const y1 = clamp01(round4((b.y + b.height) / s.height));
  return { x: x0, y: y0, width: round4(x1 - x0), height: round4(y1 - y0) };
}
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;
const moved = (a: Box, b: Box): boolean =>
  Math.abs(a.x - b.x) > MOVED_PX ||
  Math.abs(a.y - b.y) > MOVED_PX ||
  Math.abs(a.width - b.width) > MOVED_PX ||
  Math.abs(a.height - b.height) > MOVED_PX;
