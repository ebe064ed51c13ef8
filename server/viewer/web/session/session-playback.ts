import { formatClock } from '../../../../lib/rules/format/format-quantities';
import { seekTimeOf } from './action-times';
import { markTarget, targetNote } from './highlight';
import type { SessionPage } from './session-page';
import type { SessionState } from './session-state';

export interface Playback {
  /** The person picked action `index` (list, timeline, keys): seek to it and keep it current. */
  choose(index: number): void;
  seek(ms: number, keepPlaying: boolean): void;
  togglePlay(): void;
  /** The current action's index, -1 before the first. */
  current(): number;
  /** The player came to the end of what it has. */
  finished(): void;
  /** More events (or the actions) arrived: carry out a seek or a play that waited for them. */
  loaded(): void;
  /** Brings clock, timeline, list and highlight in line with the player. */
  tick(seeked?: boolean): void;
  dispose(): void;
}

/** The replay's position, the current action and play/pause, kept in step with the page. */
export function createPlayback(page: SessionPage, s: SessionState, onActionChange: (index: number | null) => void): Playback {
  // An action the person picked stays current until the replay moves on (play, or a seek
  // elsewhere): the clock alone cannot tell simultaneous actions apart, nor a value action
  // shown 1 ms late from an action in that millisecond.
  let chosen = -1;
  let current = -1;
  let pendingSeek: number | null = null;
  let resumeWhenLoaded = false;
  let frame = 0;

  function setCurrent(index: number, reveal: boolean): void {
    const changed = index !== current;
    current = index;
    page.list.setCurrent(index, reveal);
    if (changed) onActionChange(index >= 0 ? index : null);
  }

  function seek(time: number, keepPlaying: boolean): void {
    const t = Math.max(0, Math.min(s.duration, time));
    if (!s.player || (!s.complete && t > s.digest.loadedUntil)) {
      pendingSeek = t;
      page.setStatus(`Loading the recording up to ${formatClock(t)}...`);
      return;
    }
    pendingSeek = null;
    if (keepPlaying) s.player.play(t);
    else s.player.seek(t);
    tick(true);
  }

  function choose(index: number): void {
    if (index < 0 || index >= s.actions.length) return;
    chosen = index;
    setCurrent(index, true);
    seek(seekTimeOf(s.actions[index]!, s.offsets[index]!), false);
  }

  function play(): void {
    if (!s.player) return;
    chosen = -1;
    const now = s.player.currentTime();
    s.player.play(now >= s.duration - 50 ? 0 : now);
    page.controls.setPlaying(true);
    tick(true);
  }

  function pause(): void {
    s.player?.pause();
    resumeWhenLoaded = false;
    page.controls.setPlaying(false);
    tick();
  }

  /** `seeked`: the replayed DOM may have been rebuilt, so the highlight is put back even if the action is the same. */
  function tick(seeked = false): void {
    cancelAnimationFrame(frame);
    const player = s.player;
    if (!player || s.disposed) return;
    const t = player.currentTime();
    page.timeline.setTime(t);
    page.filmstrip.setTime(t);
    page.nearestShot.setTime(t);
    page.controls.setTime(t, s.duration);
    const index = chosen >= 0 ? chosen : s.clock.indexAt(t);
    if (index !== current || seeked) {
      setCurrent(index, true);
      highlight(index);
    }
    if (player.isPlaying()) frame = requestAnimationFrame(() => tick());
  }

  function highlight(index: number): void {
    const target = s.actions[index]?.target ?? null;
    const el = markTarget(s.player?.document() ?? null, target ? s.player!.node(target.nodeId) : null);
    page.setTargetNote(targetNote(index, s.actions[index], el !== null));
  }

  return {
    choose,
    seek(ms, keepPlaying) {
      chosen = -1;
      seek(ms, keepPlaying);
    },
    togglePlay: () => (s.player?.isPlaying() ? pause() : play()),
    current: () => current,
    finished() {
      // The end of what has loaded so far is not the end of the session: carry on when more arrives.
      if (!s.complete) resumeWhenLoaded = true;
      else page.controls.setPlaying(false);
      tick();
    },
    loaded() {
      if (pendingSeek !== null) seek(pendingSeek, false);
      if (resumeWhenLoaded && s.player) {
        resumeWhenLoaded = false;
        s.player.play(s.player.currentTime());
        tick();
      } else if (!s.player?.isPlaying()) tick();
    },
    tick,
    dispose: () => cancelAnimationFrame(frame),
  };
}
