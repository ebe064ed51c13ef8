import type { Action } from '../../../../lib/schema/action';
import { h } from '../dom';
import { formatClock } from '../../../../lib/rules/format/format-quantities';
import type { ActionShots } from './action-shots';
import { describeAction } from './describe-action';
import { shotLabel } from './shot-words';
import { revealRow, visibleRange } from './virtual-window';

/** Must match `.action-row` height in styles.css: rows are positioned by index, not measured. */
export const ROW_HEIGHT = 74;

export interface ActionList {
  readonly element: HTMLElement;
  setActions(actions: readonly Action[], offsets: readonly number[]): void;
  /** Each action's own screenshots (by index), shown small in its row. */
  setShots(shots: readonly ActionShots[]): void;
  /** Marks `index` as the current action; `reveal` scrolls it into view. */
  setCurrent(index: number, reveal: boolean): void;
}

/**
 * The actions as an ARIA listbox that only puts the rows in view into the DOM,
 * so tens of thousands of actions scroll as smoothly as ten. Arrow keys,
 * Home/End and Page keys move through them; choosing one calls `onChoose`.
 */
export function createActionList(onChoose: (index: number) => void): ActionList {
  let actions: readonly Action[] = [];
  let offsets: readonly number[] = [];
  let shots: readonly ActionShots[] = [];
  let current = -1;
  let frame = 0;

  const spacer = h('div', { class: 'action-spacer', role: 'presentation' });
  const element = h(
    'div',
    {
      class: 'action-list',
      role: 'listbox',
      tabindex: '0',
      'aria-label': 'Actions, in order',
    },
    spacer,
  );

  const render = () => {
    frame = 0;
    const { start, end } = visibleRange({
      scrollTop: element.scrollTop,
      viewportHeight: element.clientHeight || 600,
      rowHeight: ROW_HEIGHT,
      count: actions.length,
    });
    spacer.style.height = `${actions.length * ROW_HEIGHT}px`;
    const rows: HTMLElement[] = [];
    for (let i = start; i < end; i++) rows.push(row(i));
    spacer.replaceChildren(...rows);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };

  const row = (i: number): HTMLElement => {
    const text = describeAction(actions[i]!);
    return h(
      'div',
      {
        id: `action-${i}`,
        class: `action-row type-${text.type}${i === current ? ' current' : ''}`,
        role: 'option',
        'aria-selected': i === current ? 'true' : 'false',
        'aria-posinset': i + 1,
        'aria-setsize': actions.length,
        'data-index': i,
        style: `top: ${i * ROW_HEIGHT}px`,
      },
      h(
        'span',
        { class: 'action-line', title: [text.type, text.target, text.detail, text.context].filter(Boolean).join(' ') },
        // The same number "Copy link" puts in the URL and the target note names.
        h('span', { class: 'action-number' }, `${i + 1}.`),
        ' ',
        h('span', { class: 'action-time' }, formatClock(offsets[i] ?? 0, true)),
        ' ',
        h('span', { class: 'action-type' }, text.type),
        ' ',
        h('span', { class: 'action-target' }, text.target || text.detail),
        text.target && text.detail ? h('span', { class: 'action-detail' }, ` ${text.detail}`) : null,
      ),
      text.context ? h('span', { class: 'action-context' }, text.context) : null,
      h(
        'span',
        { class: 'action-selector', title: text.selector ? `${text.selectorKind} selector: ${text.selector}` : '' },
        text.selector || '(no selector)',
      ),
      shotsOf(shots[i]),
    );
  };

  const choose = (index: number) => {
    if (actions.length === 0) return;
    onChoose(Math.max(0, Math.min(actions.length - 1, index)));
  };

  element.addEventListener('scroll', schedule, { passive: true });
  element.addEventListener('click', (event) => {
    const target = (event.target as Element).closest('[data-index]');
    if (target) choose(Number(target.getAttribute('data-index')));
  });
  element.addEventListener('keydown', (event) => {
    const page = Math.max(1, Math.floor(element.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: actions.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    choose(current < 0 && event.key === 'ArrowUp' ? 0 : to);
  });

  return {
    element,
    setActions(next, nextOffsets) {
      actions = next;
      offsets = nextOffsets;
      render();
    },
    setShots(next) {
      shots = next;
      render();
    },
    setCurrent(index, reveal) {
      if (index === current && !reveal) return;
      current = index;
      if (index >= 0) element.setAttribute('aria-activedescendant', `action-${index}`);
      else element.removeAttribute('aria-activedescendant');
      if (reveal && index >= 0) {
        const top = revealRow(index, ROW_HEIGHT, element.scrollTop, element.clientHeight);
        if (top !== null) element.scrollTop = top;
      }
      // Render now, not next frame: aria-activedescendant must name a row that exists.
      render();
    },
  };
}

/** An action's before/after screenshots as small images (the row itself is what a click or a key chooses). */
function shotsOf(own: ActionShots | undefined): HTMLElement | null {
  if (!own || (!own.before && !own.after)) return null;
  const img = (which: 'before' | 'after') => {
    const mark = own[which];
    return mark
      ? h('img', {
          class: `action-shot ${which}`,
          src: mark.url,
          loading: 'lazy',
          alt: `${which}: ${shotLabel(mark)}`,
          title: `${which}: ${shotLabel(mark)}`,
        })
      : null;
  };
  return h('span', { class: 'action-shots' }, img('before'), img('after'));
}
