import type { Action } from '../../schema/action';
import type { CaptureContext } from '../context';
import { modifiersOf } from './gesture-state';

/** How a pointer action was done: via, the point in the top-level viewport, the modifiers. */
export function pointerHow(ctx: CaptureContext, event: MouseEvent): Pick<Action, 'via' | 'point' | 'modifiers'> {
  const offset = ctx.frameOffset();
  const x = event.clientX + offset.x;
  const y = event.clientY + offset.y;
  const point = Number.isFinite(x) && Number.isFinite(y) ? { point: { x, y } } : {};
  return { via: 'pointer', ...point, modifiers: modifiersOf(event) };
}

export const KEYBOARD: Pick<Action, 'via'> = { via: 'keyboard' };
