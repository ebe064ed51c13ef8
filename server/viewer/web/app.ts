import type { SessionFile } from '../../../lib/schema/session-file';
import { createReadClient, type ReadClient } from './api/read-client';
import { describeError, ReadApiError } from './api/read-api-error';
import { createSessionClient } from './api/session-client';
import { copyText } from './copy-text';
import { h } from './dom';
import { openListView } from './list/list-view';
import { fileHash, parseRoute, sessionHash } from './routes';
import { downloadSession } from './session/download-session';
import { embeddedSessionText, parseSessionFile } from './session/session-file';
import { fileSource, serverSource } from './session/session-source';
import { openSessionView } from './session/session-view';
import { tabRunNav } from './session/tab-run-nav';
import { renderShell } from './shell';
import { sessionBroadcast } from './signin/session-broadcast';
import { openSignIn } from './signin/signin-view';

/**
 * The viewer: served by the ingestion server (sign in, list, sessions), or a
 * downloaded copy with one session inside (opened from disk, no server).
 */
export function startViewer(): void {
  const api = { viewerUrl: location.href };
  const client = createReadClient(api);
  const sessions = createSessionClient(api);
  /** Whether the server has this browser signed in; null: not asked yet. */
  let signedIn: boolean | null = null;
  const broadcast = sessionBroadcast((news) => {
    if (offline) return;
    signedIn = news === 'signed-in' ? null : false;
    signInMessage = news === 'signed-out' ? 'Signed out in another tab of this browser. Sign in again to continue.' : null;
    route();
  });
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
    if (signedIn === null) return show('Signing in', (main) => askServer(main));
    shell.setMode(signedIn ? 'signed-in' : 'signed-out');
    if (!signedIn) return show('Sign in', (main) => openSignIn(main, { message: signInMessage, verify, onSignedIn }));
    if (r.name === 'list') return show('Sessions', (main) => openListView(main, { client, params: r.params, onUnauthorized }));
    if (r.name === 'session') show('Session', (main) => openServerSession(main, client, r.id, r.action));
  }

  /** Is this browser signed in already (another tab, an earlier visit)? One question, then the route. */
  function askServer(main: HTMLElement): () => void {
    let disposed = false;
    main.replaceChildren(h('p', { role: 'status' }, 'Checking whether this browser is signed in...'));
    sessions.current().then(
      (session) => {
        if (disposed) return;
        signedIn = session !== null;
        route();
      },
      (err: unknown) => {
        if (disposed) return;
        signedIn = false;
        signInMessage = describeError(err);
        route();
      },
    );
    return () => {
      disposed = true;
    };
  }

  /** The token goes to the server once, for a session cookie; the page keeps nothing of it. */
  async function verify(token: string): Promise<void> {
    await sessions.signIn(token);
  }

  function onSignedIn(): void {
    signedIn = true;
    signInMessage = null;
    broadcast.tell('signed-in');
    route();
  }

  function onUnauthorized(err: ReadApiError): void {
    signedIn = false;
    signInMessage = describeError(err);
    route();
  }

  function signOut(): void {
    sessions.signOut().then(
      () => {
        signedIn = false;
        signInMessage = 'Signed out of this browser: every viewer tab asks for the token again.';
        broadcast.tell('signed-out');
        route();
      },
      (err: unknown) => shell.alert(`Could not sign out: ${describeError(err)}`),
    );
  }

  /** The other sessions of the tab run, under the session's facts; without them the page still works. */
  function showTabRun(main: HTMLElement, client: ReadClient, id: string, tabRun: string, signal: AbortSignal): void {
    const query = new URLSearchParams({ tabRun, sort: 'start', order: 'asc', limit: '100' });
    client.sessions(query, signal).then(
      ({ sessions: run }) => {
        const nav = signal.aborted ? null : tabRunNav(run, id);
        if (nav) main.querySelector('.session-header .facts')?.after(nav);
      },
      () => {},
    );
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
        if (summary.tabRunId) showTabRun(main, client, summary.id, summary.tabRunId, controller.signal);
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
    shell.setMode(offline ? 'offline' : signedIn ? 'signed-in' : 'signed-out');
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
