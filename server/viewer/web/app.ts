import type { SessionFile } from '../../../lib/schema/session-file';
import { createReadClient, type ReadClient } from './api/read-client';
import { describeError, ReadApiError } from './api/read-api-error';
import { sessionTokenStore } from './api/token-store';
import { copyText } from './copy-text';
import { h } from './dom';
import { openListView } from './list/list-view';
import { fileHash, parseRoute, sessionHash } from './routes';
import { downloadSession } from './session/download-session';
import { embeddedSessionText, parseSessionFile } from './session/session-file';
import { fileSource, serverSource } from './session/session-source';
import { openSessionView } from './session/session-view';
import { renderShell } from './shell';
import { openSignIn } from './signin/signin-view';

/**
 * The viewer: served by the ingestion server (sign in, list, sessions), or a
 * downloaded copy with one session inside (opened from disk, no server).
 */
export function startViewer(): void {
  const tokens = sessionTokenStore();
  const shell = renderShell(document.body, { onOpenFile: openFile, onSignOut: signOut });
  let dispose: () => void = () => {};
  let signInMessage: string | null = null;
  let lastListHash = '#/';
  let file: SessionFile | null = null;
  const embedded = embeddedSessionText(document);
  const offline = embedded !== null;

  let first = true;
  /** Replaces the view; after the first, focus goes to the new content so screen readers announce it. */
  const show = (title: string, open: (main: HTMLElement) => () => void) => {
    dispose();
    document.title = `${title} - webtrace viewer`;
    dispose = open(shell.main);
    if (!first && !shell.main.contains(document.activeElement)) shell.main.focus();
    first = false;
  };
  const linkTo = (hash: string) => `${location.href.split('#')[0]}${hash}`;

  function route(): void {
    const r = parseRoute(location.hash);
    if (offline || r.name === 'file') {
      if (file) return showFile(file, r.name === 'list' ? null : r.action);
      if (!offline) return location.replace('#/');
    }
    const token = tokens.get();
    shell.setMode(token ? 'signed-in' : 'signed-out');
    if (!token) return show('Sign in', (main) => openSignIn(main, { message: signInMessage, verify, onSignedIn }));
    const client = createReadClient({ viewerUrl: location.href, token });
    if (r.name === 'list') return show('Sessions', (main) => openListView(main, { client, params: r.params, onUnauthorized }));
    if (r.name === 'session') show('Session', (main) => openServerSession(main, client, r.id, r.action));
  }

  async function verify(token: string): Promise<void> {
    await createReadClient({ viewerUrl: location.href, token }).sessions(new URLSearchParams({ limit: '1' }));
  }

  function onSignedIn(token: string): void {
    tokens.set(token);
    signInMessage = null;
    route();
  }

  function onUnauthorized(err: ReadApiError): void {
    tokens.clear();
    signInMessage = describeError(err);
    route();
  }

  function signOut(): void {
    tokens.clear();
    signInMessage = 'Signed out. The token was removed from this tab.';
    route();
  }

  function openServerSession(main: HTMLElement, client: ReadClient, id: string, action: number | null): () => void {
    const controller = new AbortController();
    let inner: () => void = () => {};
    main.replaceChildren(h('p', { role: 'status' }, 'Loading the session...'));
    client.session(id, controller.signal).then(
      (summary) => {
        if (controller.signal.aborted) return;
        document.title = `${summary.site} - webtrace viewer`;
        inner = openSessionView(main, serverSource(client, summary, controller.signal), {
          initialAction: action,
          back: { label: 'All sessions', href: lastListHash },
          onActionChange: (i) => history.replaceState(null, '', sessionHash(id, i)),
          copyLink: async (i) => {
            const link = linkTo(sessionHash(id, i));
            await copyText(link);
            return link;
          },
          download: (data) => downloadSession(summary, data, location.pathname),
        });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ReadApiError && err.kind === 'unauthorized') return onUnauthorized(err);
        main.replaceChildren(
          h('p', { class: 'alert', role: 'alert' }, describeError(err)),
          h('p', null, h('a', { href: lastListHash }, 'All sessions')),
        );
      },
    );
    return () => {
      controller.abort();
      inner();
    };
  }

  function showFile(opened: SessionFile, action: number | null): void {
    shell.setMode(offline ? 'offline' : tokens.get() ? 'signed-in' : 'signed-out');
    show(`${opened.session.site} (file)`, (main) =>
      openSessionView(main, fileSource(opened), {
        initialAction: action,
        back: offline ? null : { label: 'All sessions', href: lastListHash },
        onActionChange: (i) => history.replaceState(null, '', fileHash(i)),
        copyLink: async (i) => {
          const link = linkTo(fileHash(i));
          await copyText(link);
          return link;
        },
        download: offline ? null : (data) => downloadSession(opened.session, data, location.pathname),
      }),
    );
  }

  function openFile(picked: File): void {
    picked
      .text()
      .then(
        (text) => {
          file = parseSessionFile(text);
          shell.alert('');
          if (parseRoute(location.hash).name === 'file' || offline) route();
          else location.hash = fileHash();
        },
        (err: unknown) => shell.alert(`Could not read ${picked.name}: ${String(err)}`),
      )
      .catch((err: unknown) => shell.alert(`Could not open ${picked.name}: ${(err as Error).message}`));
  }

  window.addEventListener('hashchange', (event) => {
    const old = `#${new URL(event.oldURL).hash.replace(/^#/, '')}`;
    if (parseRoute(old).name === 'list') lastListHash = old;
    route();
  });

  if (offline) {
    shell.setMode('offline');
    try {
      file = parseSessionFile(embedded);
    } catch (err) {
      shell.main.replaceChildren(
        h('p', { class: 'alert', role: 'alert' }, `This file's session cannot be shown: ${(err as Error).message}`),
      );
      return;
    }
  }
  route();
}
