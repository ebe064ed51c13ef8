import type { Observation } from '../../lib/schema/dataset-observation';
import type { Point, Size } from '../../lib/schema/dataset-primitives';
import type { ObserveAnswer } from '../../lib/schema/render-observation';
import type { Geometry } from './action-facts';

/** A captured shot chosen for a step: the stored WebP and what its metadata says about its pixels. */
export interface StepCapture {
  bytes: Uint8Array;
  /** The stored image in pixels. */
  image: Size;
  /** Image pixels per CSS px (after the extension's downscale): never the DPR. */
  scale: number;
  /** The page's layout viewport (CSS px) and scroll offset when the shot was taken. */
  viewport: Size;
  scroll: Point;
  /** The action's time minus the shot's (ms, >= 0). */
  gapMs: number;
}

/** A screenshot the step carries: encoded bytes and their size in pixels. */
export interface StepImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/**
 * What the step's screenshot covers, for `*_norm` (fractions of the
 * screenshot): its size in CSS px, and the offset that moves a box in the
 * viewport at the action to where it is in the screenshot (a capture may have
 * been taken at another scroll position than the replay shows at the action).
 */
export interface ScreenshotFrame {
  size: Size;
  offset: Point;
}

export interface StepPicture {
  observation: Observation | null;
  image: StepImage | null;
  frame: ScreenshotFrame;
}

/**
 * The step's observation and screenshot: a captured shot when one was chosen
 * (its image size and scale from its metadata, never from the DPR), else the
 * replay rendering. A capture gives an observation even without a rendering
 * (--no-render): its viewport and scroll are the shot's, with no candidates.
 */
export function stepPicture(f: {
  answer: ObserveAnswer | null;
  geometry: Geometry;
  rendered: StepImage | null;
  capture: StepCapture | null;
}): StepPicture {
  const { answer, geometry, capture } = f;
  const ready = answer?.ready === true ? answer : null;
  const viewport = geometry.viewport;
  const zero = { x: 0, y: 0 };
  if (capture) {
    const scroll = ready ? ready.scroll : capture.scroll;
    return {
      observation: {
        viewport: ready ? viewport : capture.viewport,
        dpr: geometry.dpr,
        dpr_assumed: geometry.dprAssumed,
        scroll_xy: scroll,
        screenshot_size: capture.image,
        screenshot_scale: capture.scale,
        screenshot_source: 'capture',
        screenshot_gap_ms: capture.gapMs,
        candidates: ready ? ready.candidates : [],
      },
      image: { bytes: capture.bytes, width: capture.image.width, height: capture.image.height },
      frame: {
        size: { width: capture.image.width / capture.scale, height: capture.image.height / capture.scale },
        offset: { x: scroll.x - capture.scroll.x, y: scroll.y - capture.scroll.y },
      },
    };
  }
  const shot = f.rendered;
  return {
    observation: ready && {
      viewport,
      dpr: geometry.dpr,
      dpr_assumed: geometry.dprAssumed,
      scroll_xy: ready.scroll,
      screenshot_size: shot ? { width: shot.width, height: shot.height } : null,
      screenshot_scale: shot && viewport.width ? shot.width / viewport.width : null,
      screenshot_source: shot ? 'replay' : null,
      screenshot_gap_ms: null,
      candidates: ready.candidates,
    },
    image: shot,
    frame: { size: viewport, offset: zero },
  };
}
