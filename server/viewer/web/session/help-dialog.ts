import { h } from '../dom';
import { SHORTCUTS } from './shortcuts';

/** The keyboard shortcuts, in a native modal dialog (focus is trapped and returned by the browser). */
export function createHelpDialog(): { element: HTMLDialogElement; toggle(): void } {
  const close = h('button', { type: 'button', onclick: () => element.close() }, 'Close');
  const element = h(
    'dialog',
    { class: 'help', 'aria-labelledby': 'help-title' },
    h('h2', { id: 'help-title' }, 'Keyboard shortcuts'),
    h(
      'dl',
      { class: 'shortcut-list' },
      ...SHORTCUTS.flatMap(({ keys, label }) => [h('dt', null, h('kbd', null, keys)), h('dd', null, label)]),
    ),
    h('p', null, 'In the list of actions, \u2191 and \u2193 move too; Home and End go to the first and last.'),
    close,
  );
  return {
    element,
    toggle() {
      if (element.open) element.close();
      else element.showModal();
    },
  };
}
