import type { Action, Target } from '../../schema/action';
import type { ActionDraft } from '../action-draft';

export type Modifier = NonNullable<Action['modifiers']>[number];

/** The element a pointer went down on, remembered until its click (or the lack of one). */
export interface PointerDown {
  el: Element;
  at: number;
  /** Top-level viewport, CSS px. */
  point: { x: number; y: number };
  button: number;
  modifiers: Modifier[];
  /** A choice under the pointer, described at pointerdown while its popup was surely there. */
  choice: ActionDraftLike | null;
  /** A click, or the pointerup fallback, has already recorded this gesture. */
  done: boolean;
}

/** A select draft prepared ahead of its commit (the popup may be gone by then). */
export interface ActionDraftLike {
  item: Element;
  draft: ActionDraft;
}

/** Enter or Space on a focused element, until the click it may cause. */
export interface KeyActivation {
  el: Element;
  key: 'Enter' | ' ';
  at: number;
  /** The focused element described at keydown (null: the keydown made its action already). */
  target: Target | null;
  timer: unknown;
  done: boolean;
}

/** The control that opened a popup last: what a choice without aria relations belongs to. */
export interface Opener {
  el: Element;
  at: number;
}

export interface GestureState {
  down: PointerDown | null;
  /** A keydown whose gesture is still open: a click the browser dispatches for it belongs to it. */
  key: KeyActivation | null;
  /** A keydown in a single-line field (Enter): the implicit-submit click it makes is not the person's. */
  fieldEnterAt: number;
  opener: Opener | null;
}

export function createGestureState(): GestureState {
  return { down: null, key: null, fieldEnterAt: -1, opener: null };
}

/** Modifier keys held during a pointer event, in schema order. */
export function modifiersOf(event: MouseEvent | KeyboardEvent): Modifier[] {
  const out: Modifier[] = [];
  if (event.altKey) out.push('Alt');
  if (event.ctrlKey) out.push('Control');
  if (event.metaKey) out.push('Meta');
  if (event.shiftKey) out.push('Shift');
  return out;
}
