import { h } from './dom';

export interface Shell {
  main: HTMLElement;
  setMode(mode: 'signed-out' | 'signed-in' | 'offline'): void;
  /** A message that is not about the current view (a file that could not be opened). */
  alert(text: string): void;
}

/** The page frame: a header with the viewer's name, "Open a session file", "Sign out", and the main region. */
export function renderShell(body: HTMLElement, handlers: { onOpenFile(file: File): void; onSignOut(): void }): Shell {
  const fileInput = h('input', {
    type: 'file',
    accept: '.html,.htm,.json,text/html,application/json',
    class: 'visually-hidden',
    onchange: () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (file) handlers.onOpenFile(file);
    },
  });
  const signOut = h('button', { type: 'button', hidden: true, onclick: handlers.onSignOut }, 'Sign out');
  const mode = h('span', { class: 'mode' });
  const alertBox = h('p', { class: 'alert shell-alert', role: 'alert' });
  const main = h('main', { id: 'main', tabindex: '-1' });
  body.replaceChildren(
    h(
      'header',
      { class: 'app-header' },
      h('a', { class: 'brand', href: '#/' }, 'webtrace viewer'),
      mode,
      h('div', { class: 'header-actions' }, h('label', { class: 'file-button' }, 'Open a session file...', fileInput), signOut),
    ),
    alertBox,
    main,
  );
  return {
    main,
    setMode(next) {
      signOut.hidden = next !== 'signed-in';
      mode.textContent = next === 'offline' ? 'Offline copy: opened from a file, no server needed' : '';
    },
    alert(text) {
      alertBox.textContent = text;
    },
  };
}
