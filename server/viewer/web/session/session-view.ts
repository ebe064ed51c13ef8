import type { Action } from '../../../../lib/schema/action';
import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import { describeError } from '../api/read-api-error';
import { formatClock, formatCount } from '../../../../lib/rules/format/format-quantities';
import { actionOffsets, createActionClock, seekTimeOf, type ActionClock } from './action-times';
import { createEventDigest } from './event-digest';
import { markTarget, targetNote } from './highlight';
import { pumpEvents } from './event-stream';
import { createPlayer, type Player } from './player';
import { renderSessionPage } from './session-page';
import { shortcutFor, type ShortcutCommand } from './shortcuts';
import type { SessionSource } from './session-source';

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
  const origin = summary.startedAt;
  const duration = Math.max(1, summary.endedAt - summary.startedAt);
  const digest = createEventDigest(origin, GAP_MS);
  const events: RrwebEvent[] = [];
  let actions: Action[] = [];
  let offsets: number[] = [];
  let clock: ActionClock = createActionClock([]);
  let player: Player | null = null;
  let complete = false;
  let disposed = false;
  // An action the person picked stays current until the replay moves on (play, or a seek
  // elsewhere): the clock alone cannot tell simultaneous actions apart, nor a value action
  // shown 1 ms late from an action in that millisecond.
  let chosen = -1;
  let current = -1;
  let pendingSeek: number | null = null;
  let resumeWhenLoaded = false;
  let frame = 0;
  let skipInactive = true;

  const page = renderSessionPage(container, summary, {
    back: opts.back,
    skipInactive,
    onSeek: (ms) => {
      chosen = -1;
      seek(ms, player?.isPlaying() ?? false);
    },
    onChooseAction: choose,
    onPlayPause: () => (player?.isPlaying() ? pause() : play()),
    onSpeed: (speed) => player?.setSpeed(speed),
    onSkipInactive: (on) => {
      skipInactive = on;
      player?.setSkipInactive(on);
    },
    onCopyLink: () => {
      opts.copyLink(current >= 0 ? current : null).then(
        (link) => page.setStatus(current >= 0 ? `Link to action ${current + 1} copied: ${link}` : `Link copied: ${link}`),
        (err: unknown) => page.setStatus(`Could not copy the link: ${String(err)}`),
      );
    },
    onDownload: opts.download
      ? () => {
          page.setStatus('Preparing the file...');
          opts.download!({ actions, events }).then(
            () => page.setStatus('Session downloaded as one HTML file: open it in any browser, no server needed.'),
            (err: unknown) => page.setStatus(`Could not download the session: ${describeError(err)}`),
          );
        }
      : null,
  });
  page.timeline.setDuration(duration);
  page.controls.setTime(0, duration);

  function choose(index: number): void {
    if (index < 0 || index >= actions.length) return;
    chosen = index;
    setCurrent(index, true);
    seek(seekTimeOf(actions[index]!, offsets[index]!), false);
  }

  function setCurrent(index: number, reveal: boolean): void {
    const changed = index !== current;
    current = index;
    page.list.setCurrent(index, reveal);
    if (changed) opts.onActionChange(index >= 0 ? index : null);
  }

  function seek(time: number, keepPlaying: boolean): void {
    const t = Math.max(0, Math.min(duration, time));
    if (!player || (!complete && t > digest.loadedUntil)) {
      pendingSeek = t;
      page.setStatus(`Loading the recording up to ${formatClock(t)}...`);
      return;
    }
    pendingSeek = null;
    if (keepPlaying) player.play(t);
    else player.seek(t);
    tick(true);
  }

  function play(): void {
    if (!player) return;
    chosen = -1;
    const now = player.currentTime();
    player.play(now >= duration - 50 ? 0 : now);
    page.controls.setPlaying(true);
    tick(true);
  }

  function pause(): void {
    player?.pause();
    resumeWhenLoaded = false;
    page.controls.setPlaying(false);
    tick();
  }

  /**
   * Brings clock, timeline, list and highlight in line with the player; repeats every frame while playing.
   * `seeked`: the replayed DOM may have been rebuilt, so the highlight is put back even if the action is the same.
   */
  function tick(seeked = false): void {
    cancelAnimationFrame(frame);
    if (!player || disposed) return;
    const t = player.currentTime();
    page.timeline.setTime(t);
    page.controls.setTime(t, duration);
    const index = chosen >= 0 ? chosen : clock.indexAt(t);
    if (index !== current || seeked) {
      setCurrent(index, true);
      highlight(index);
    }
    if (player.isPlaying()) frame = requestAnimationFrame(() => tick());
  }

  function highlight(index: number): void {
    const target = actions[index]?.target ?? null;
    const el = markTarget(player?.document() ?? null, target ? player!.node(target.nodeId) : null);
    page.setTargetNote(targetNote(index, actions[index], el !== null));
  }

  source.actions().then(
    (loaded) => {
      if (disposed) return;
      actions = loaded;
      offsets = actionOffsets(actions, origin);
      clock = createActionClock(offsets);
      page.setActionCount(actions.length);
      page.list.setActions(actions, offsets);
      page.timeline.setActions(
        offsets,
        actions.map((a) => a.type),
      );
      if (opts.initialAction !== null) choose(Math.min(opts.initialAction, actions.length - 1));
      else tick(true);
    },
    (err: unknown) => !disposed && page.setStatus(describeError(err)),
  );

  const deliver = async (batch: RrwebEvent[]): Promise<void> => {
    if (player) return player.addEvents(batch);
    if (events.length < 2) return; // rrweb needs two events to start
    player = createPlayer(page.stage, events.slice(), {
      origin,
      skipInactive,
      maxHeight: () => window.innerHeight * (page.isFullSize() ? 0.9 : 0.62),
    });
    player.onFinish(onFinish);
    page.controls.setEnabled(true);
  };
  pumpEvents(source.eventPages(), { events, digest, deliver, onPage: progress, stopped: () => disposed }).then(
    () => {
      if (disposed) return;
      complete = true;
      progress();
      page.setDownloadReady(true);
      if (!player) page.setStatus('This session has too few events to replay.');
    },
    (err: unknown) => !disposed && page.setStatus(`Loading stopped: ${describeError(err)}`),
  );

  function progress(): void {
    page.timeline.setEvents(digest.gaps, digest.pages, digest.loadedUntil, complete);
    const share = complete ? 100 : Math.floor((digest.loadedUntil / duration) * 100);
    page.setStatus(
      complete
        ? `Loaded ${formatCount(digest.count)} events.`
        : `Loading: ${formatCount(digest.count)} events so far (${share}% of the session).`,
    );
    if (pendingSeek !== null) seek(pendingSeek, false);
    if (resumeWhenLoaded && player) {
      resumeWhenLoaded = false;
      player.play(player.currentTime());
      tick();
    } else if (!player?.isPlaying()) tick();
  }

  function onFinish(): void {
    // The end of what has loaded so far is not the end of the session: carry on when more arrives.
    if (!complete) resumeWhenLoaded = true;
    else page.controls.setPlaying(false);
    tick();
  }

  const commands: Record<ShortcutCommand, () => void> = {
    'play-pause': () => (player?.isPlaying() ? pause() : play()),
    // From the replay's position when nothing is chosen yet: the first action at or after it.
    'previous-action': () => choose(current < 0 ? 0 : current - 1),
    'next-action': () => choose(current + 1),
    'full-size': () => page.setFullSize(!page.isFullSize()),
    help: () => page.toggleHelp(),
    close: () => page.setFullSize(false),
  };
  const onKey = (event: KeyboardEvent): void => {
    const command = shortcutFor(event);
    // While the help is open it has the keyboard (the dialog closes itself on Esc).
    if (!command || (page.isHelpOpen() && command !== 'help')) return;
    event.preventDefault();
    commands[command]();
  };
  document.addEventListener('keydown', onKey);

  return () => {
    disposed = true;
    document.removeEventListener('keydown', onKey);
    cancelAnimationFrame(frame);
    player?.destroy();
  };
}
