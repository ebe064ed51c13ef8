import type { Action } from '../../../../lib/schema/action';
import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import { describeError } from '../api/read-api-error';
import { createEventDigest } from './event-digest';
import { bindSessionKeys } from './session-keys';
import { loadActions, loadEvents, loadShots } from './session-loading';
import { renderSessionPage } from './session-page';
import { createPlayback, type Playback } from './session-playback';
import type { SessionSource } from './session-source';
import { createSessionState } from './session-state';

/** Silences at least this long are drawn as gaps (rrweb's own idea of inactivity is 10 s too). */
export const GAP_MS = 10_000;

export interface SessionViewOptions {
  initialAction: number | null;
  back: { label: string; href: string } | null;
  /** Called when the current action changes, to keep the URL pointing at it. */
  onActionChange(index: number | null): void;
  copyLink(index: number | null): Promise<string>;
  /** Saves the session as one file; null when this copy cannot (opened from a downloaded file). */
  download: ((data: { actions: Action[]; events: RrwebEvent[] }) => Promise<void>) | null;
}

/** A session: replay, timeline and actions kept in step. Returns a disposer. */
export function openSessionView(container: HTMLElement, source: SessionSource, opts: SessionViewOptions): () => void {
  const { summary } = source;
  const duration = Math.max(1, summary.endedAt - summary.startedAt);
  const s = createSessionState(summary.startedAt, duration, createEventDigest(summary.startedAt, GAP_MS));
  // The page's handlers run only after it is built, by which time the playback (which needs the page) exists.
  // eslint-disable-next-line prefer-const
  let playback: Playback;

  const page = renderSessionPage(container, summary, {
    back: opts.back,
    skipInactive: s.skipInactive,
    onSeek: (ms) => playback.seek(ms, s.player?.isPlaying() ?? false),
    onChooseAction: (index) => playback.choose(index),
    onPlayPause: () => playback.togglePlay(),
    onSpeed: (speed) => s.player?.setSpeed(speed),
    onSkipInactive: (on) => {
      s.skipInactive = on;
      s.player?.setSkipInactive(on);
    },
    onCopyLink: () => {
      const current = playback.current();
      opts.copyLink(current >= 0 ? current : null).then(
        (link) => page.setStatus(current >= 0 ? `Link to action ${current + 1} copied: ${link}` : `Link copied: ${link}`),
        (err: unknown) => page.setStatus(`Could not copy the link: ${String(err)}`),
      );
    },
    onDownload: opts.download
      ? () => {
          page.setStatus('Preparing the file...');
          opts.download!({ actions: s.actions, events: s.events }).then(
            () => page.setStatus('Session downloaded as one HTML file: open it in any browser, no server needed.'),
            (err: unknown) => page.setStatus(`Could not download the session: ${describeError(err)}`),
          );
        }
      : null,
  });
  page.timeline.setDuration(duration);
  page.controls.setTime(0, duration);
  playback = createPlayback(page, s, opts.onActionChange);

  loadActions(source, s, page, playback, opts.initialAction);
  loadEvents(source, s, page, playback);
  loadShots(source, s, page, playback);
  const unbindKeys = bindSessionKeys(page, playback);

  return () => {
    s.disposed = true;
    unbindKeys();
    playback.dispose();
    s.player?.destroy();
  };
}
