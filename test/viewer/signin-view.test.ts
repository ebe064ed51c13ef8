// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadApiError } from '../../server/viewer/web/api/read-api-error';
import { openSignIn } from '../../server/viewer/web/signin/signin-view';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.replaceChildren(container);
});

function submit(token: string) {
  container.querySelector<HTMLInputElement>('#token')!.value = token;
  container.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
}

describe('sign in', () => {
  it('hands the token to the server once, then keeps nothing of it, not even in the field', async () => {
    const onSignedIn = vi.fn();
    const verify = vi.fn(async (_token: string) => {});
    openSignIn(container, { message: null, verify, onSignedIn });
    expect(container.querySelector('label[for=token]')!.textContent).toBe('Reader token');
    expect(container.querySelector<HTMLInputElement>('#token')!.type).toBe('password');
    submit('  reader-token-0123456789 ');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith());
    expect(verify.mock.calls).toEqual([['reader-token-0123456789']]);
    expect(container.querySelector<HTMLInputElement>('#token')!.value).toBe('');
  });

  it('says in plain words why a token was refused, and lets the person try again', async () => {
    const onSignedIn = vi.fn();
    const verify = vi.fn(async () => {
      throw new ReadApiError('unauthorized', 401, 'this endpoint needs a read token, not an ingest token');
    });
    openSignIn(container, { message: null, verify, onSignedIn });
    submit('ingest-token-0123456789');
    const alert = container.querySelector('[role=alert]')!;
    await vi.waitFor(() => expect(alert.textContent).toContain('did not accept the reader token'));
    expect(alert.textContent).toContain('needs a read token, not an ingest token');
    expect(container.querySelector('button')!.disabled).toBe(false);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows why sign-in is asked again', () => {
    openSignIn(container, { message: 'Signed out.', verify: async () => {}, onSignedIn: vi.fn() });
    expect(container.querySelector('[role=alert]')!.textContent).toBe('Signed out.');
  });
});
