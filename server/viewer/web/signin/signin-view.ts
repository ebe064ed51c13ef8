import { describeError } from '../api/read-api-error';
import { h } from '../dom';

export interface SignInDeps {
  /** Why sign-in is shown again (a token the server stopped accepting), in plain words. */
  message: string | null;
  /** Resolves when the server accepts the token for reading; rejects with a ReadApiError otherwise. */
  verify(token: string): Promise<void>;
  onSignedIn(token: string): void;
}

/** Asks for a reader token and checks it with the server before keeping it. */
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
      'The read token the server printed when it started, or one from its WEBTRACE_READ_TOKENS. It is kept only in this tab and sent only to this server.',
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
      () => !disposed && deps.onSignedIn(token),
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
