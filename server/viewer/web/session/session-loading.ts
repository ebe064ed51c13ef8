import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import { formatCount } from '../../../../lib/rules/format/format-quantities';
import { describeError } from '../api/read-api-error';
import { actionShots } from './action-shots';
import { actionOffsets, createActionClock } from './action-times';
import { pumpEvents } from './event-stream';
import { createPlayer } from './player';
import type { Playback } from './session-playback';
import type { SessionPage } from './session-page';
import type { SessionSource } from './session-source';
import type { SessionState } from './session-state';
import { shotMarks } from './shot-marks';

/** Loads the session's actions into the list and the timeline, then goes to `initialAction` if one was asked for. */
export function loadActions(
  source: SessionSource,
  s: SessionState,
  page: SessionPage,
  playback: Playback,
  initialAction: number | null,
): void {
  source.actions().then(
    (loaded) => {
      if (s.disposed) return;
      s.actions = loaded;
      s.offsets = actionOffsets(loaded, s.origin);
      s.clock = createActionClock(s.offsets);
      page.setActionCount(loaded.length);
      page.list.setActions(loaded, s.offsets);
      page.timeline.setActions(
        s.offsets,
        loaded.map((a) => a.type),
      );
      page.list.setShots(actionShots(s.offsets, s.shots, s.origin, actionPages(s.actions)));
      if (initialAction !== null) playback.choose(Math.min(initialAction, loaded.length - 1));
      else playback.tick(true);
    },
    (err: unknown) => !s.disposed && page.setStatus(describeError(err)),
  );
}

/** Loads the session's screenshots into the filmstrip, the nearest-shot panel and the action rows. None: nothing shows. */
export function loadShots(source: SessionSource, s: SessionState, page: SessionPage, playback: Playback): void {
  if (!source.shots) return;
  source.shots().then(
    (loaded) => {
      if (s.disposed || loaded.length === 0) return;
      s.shots = shotMarks(loaded, s.origin);
      page.filmstrip.setShots(s.shots, s.duration);
      page.nearestShot.setShots(s.shots);
      page.list.setShots(actionShots(s.offsets, s.shots, s.origin, actionPages(s.actions)));
      const t = s.player?.currentTime() ?? 0;
      page.filmstrip.setTime(t);
      page.nearestShot.setTime(t);
      playback.tick();
    },
    (err: unknown) => !s.disposed && page.setStatus(`Screenshots could not be loaded: ${describeError(err)}`),
  );
}

/**
 * Streams the session's events page by page into the player, which starts as soon as it has
 * two; the timeline shows how far the recording has loaded.
 */
export function loadEvents(source: SessionSource, s: SessionState, page: SessionPage, playback: Playback): void {
  const deliver = async (batch: RrwebEvent[]): Promise<void> => {
    if (s.player) return s.player.addEvents(batch);
    if (s.events.length < 2) return; // rrweb needs two events to start
    s.player = createPlayer(page.stage, s.events.slice(), {
      origin: s.origin,
      skipInactive: s.skipInactive,
      maxHeight: () => window.innerHeight * (page.isFullSize() ? 0.9 : 0.62),
    });
    s.player.onFinish(() => playback.finished());
    page.controls.setEnabled(true);
  };
  const progress = (): void => {
    const { digest } = s;
    page.timeline.setEvents(digest.gaps, digest.pages, digest.loadedUntil, s.complete);
    const share = s.complete ? 100 : Math.floor((digest.loadedUntil / s.duration) * 100);
    page.setStatus(
      s.complete
        ? `Loaded ${formatCount(digest.count)} events.`
        : `Loading: ${formatCount(digest.count)} events so far (${share}% of the session).`,
    );
    playback.loaded();
  };
  pumpEvents(source.eventPages(), { events: s.events, digest: s.digest, deliver, onPage: progress, stopped: () => s.disposed }).then(
    () => {
      if (s.disposed) return;
      s.complete = true;
      progress();
      page.setDownloadReady(true);
      if (!s.player) page.setStatus('This session has too few events to replay.');
    },
    (err: unknown) => !s.disposed && page.setStatus(`Loading stopped: ${describeError(err)}`),
  );
}

/** Each action's page, where the server said (lib/schema/read-api.ts sessionActionSchema). */
const actionPages = (actions: readonly object[]) => actions.map((a) => (a as { page?: number }).page);
