// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Action, ActionType } from '../../lib/schema/action';
import { createActionList, ROW_HEIGHT } from '../../server/viewer/web/session/action-list';
import { makeAction } from '../server/fixtures';

const TYPES: ActionType[] = ['click', 'type', 'select', 'scroll'];
const many = (n: number): Action[] => Array.from({ length: n }, (_, i) => makeAction(TYPES[i % TYPES.length]!, 1000 + i * 10));

let onChoose: ReturnType<typeof vi.fn<(index: number) => void>>;
beforeEach(() => {
  onChoose = vi.fn<(index: number) => void>();
  document.body.replaceChildren();
});

function mount(actions: Action[]) {
  const list = createActionList(onChoose);
  document.body.append(list.element);
  // happy-dom does no layout: give the list a viewport height.
  Object.defineProperty(list.element, 'clientHeight', { value: 560, configurable: true });
  list.setActions(
    actions,
    actions.map((a) => a.t - 1000),
  );
  return list;
}
const options = (el: HTMLElement) => Array.from(el.querySelectorAll('[role=option]'));

describe('the action list', () => {
  it('puts only the rows in view into the DOM, however many actions there are', () => {
    const list = mount(many(20_000));
    expect(options(list.element).length).toBeLessThan(40);
    expect(list.element.querySelector<HTMLElement>('.action-spacer')!.style.height).toBe(`${20_000 * ROW_HEIGHT}px`);
    const first = options(list.element)[0]!;
    expect(first.getAttribute('aria-setsize')).toBe('20000');
    expect(first.getAttribute('aria-posinset')).toBe('1');
    expect(first.textContent).toContain('0:00.0 click button "Do click"');
    expect(first.textContent).toContain('[data-testid="go"]');
  });

  it('shows a typed value as masked', () => {
    const list = mount(many(2));
    expect(options(list.element)[1]!.textContent).toContain('typed 5 characters (masked)');
  });

  it('scrolls the current action into view and marks it selected for assistive technology', () => {
    const list = mount(many(20_000));
    list.setCurrent(12_345, true);
    expect(list.element.scrollTop).toBeGreaterThan(12_000 * ROW_HEIGHT);
    const current = list.element.querySelector('#action-12345')!;
    expect(current.getAttribute('aria-selected')).toBe('true');
    expect(current.classList.contains('current')).toBe(true);
    expect(list.element.getAttribute('aria-activedescendant')).toBe('action-12345');
    expect(options(list.element).length).toBeLessThan(40);
  });

  it('chooses an action by click and by keyboard', () => {
    const list = mount(many(100));
    options(list.element)[3]!
      .querySelector('.action-type')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onChoose).toHaveBeenLastCalledWith(3);
    list.setCurrent(3, true);
    const key = (k: string) => list.element.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowDown');
    expect(onChoose).toHaveBeenLastCalledWith(4);
    key('ArrowUp');
    expect(onChoose).toHaveBeenLastCalledWith(2);
    key('End');
    expect(onChoose).toHaveBeenLastCalledWith(99);
    key('Home');
    expect(onChoose).toHaveBeenLastCalledWith(0);
    key('PageDown');
    expect(onChoose).toHaveBeenLastCalledWith(3 + Math.floor(560 / ROW_HEIGHT) - 1);
  });
});
