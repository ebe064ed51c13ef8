import { describeError } from '../api/read-api-error';
import { h } from '../dom';

export interface SignInDeps {
  /** Why sign-in is shown again (a token the server stopped accepting), in plain words. */
  message: string | null;
  /** Resolves when the server accepted the token and signed this browser in; rejects with a ReadApiError otherwise. */
  verify(token: string): Promise<void>;
  onSignedIn(): void;
}

/** Asks for a reader token and hands it to the server once; the form is emptied, so nothing of it stays in the page. */
export function openSignIn(container: HTMLElement, deps: SignInDeps): () => void {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-help',
  });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const alert = h('p', { class: 'alert', role: 'alert' }, deps.message ?? '');
  let disposed = false;

  const form = h(
    'form',
    { class: 'signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to the webtrace viewer'),
    h('label', { for: 'token' }, 'Reader token'),
    input,
    h(
      'p',
      { id: 'token-help', class: 'help' },
      'The read token the server printed when it started (also in its data folder, read-token), or one from its WEBTRACE_READ_TOKENS. It is sent once, only to this server, which signs this browser in for 12 hours; the viewer does not keep the token.',
    ),
    submit,
    alert,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    submit.disabled = true;
    submit.textContent = 'Checking...';
    alert.textContent = '';
    deps.verify(token).then(
      () => {
        input.value = '';
        if (!disposed) deps.onSignedIn();
      },
      (err: unknown) => {
        if (disposed) return;
        submit.disabled = false;
        submit.textContent = 'Sign in';
        alert.textContent = describeError(err);
        input.focus();
        input.select();
      },
    );
  });
  container.replaceChildren(form);
  input.focus();
  return () => {
    disposed = true;
  };
}
