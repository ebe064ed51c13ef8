import type { SessionSummary } from '../../../../lib/schema/read-api';
import { ACTION_TYPES } from '../../../../lib/schema/action';
import { h } from '../dom';
import { formatBytes, formatCount, formatDateTime, formatDuration } from '../../../../lib/rules/format/format-quantities';
import { createActionList, type ActionList } from './action-list';
import { createControls, type ControlsView } from './controls-view';
import { createFilmstrip, type FilmstripView } from './filmstrip-view';
import { createNearestShot, type NearestShotView } from './nearest-shot-view';
import { createHelpDialog } from './help-dialog';
import { createTimeline, type TimelineView } from './timeline-view';

export interface SessionPageHandlers {
  onSeek(ms: number): void;
  onChooseAction(index: number): void;
  onPlayPause(): void;
  onSpeed(speed: number): void;
  onSkipInactive(on: boolean): void;
  onCopyLink(): void;
  /** Null hides the download button (a session opened from a downloaded file is already one). */
  onDownload: (() => void) | null;
  /** Where "back" goes; null for a downloaded copy, which has nowhere to go back to. */
  back: { label: string; href: string } | null;
  skipInactive: boolean;
}

export interface SessionPage {
  stage: HTMLElement;
  timeline: TimelineView;
  /** The session's screenshots under the timeline, and the one nearest the playhead beside the replay (issue 15). */
  filmstrip: FilmstripView;
  nearestShot: NearestShotView;
  controls: ControlsView;
  list: ActionList;
  setStatus(text: string): void;
  setTargetNote(text: string): void;
  setActionCount(n: number): void;
  setDownloadReady(ready: boolean): void;
  /** The full-size player: the replay takes the window's width and most of its height. */
  setFullSize(on: boolean): void;
  isFullSize(): boolean;
  toggleHelp(): void;
  isHelpOpen(): boolean;
}

/** The session page's markup: facts about the session, the replay with its timeline, the actions beside it. */
export function renderSessionPage(container: HTMLElement, summary: SessionSummary, handlers: SessionPageHandlers): SessionPage {
  const timeline = createTimeline({ onSeek: handlers.onSeek, onChooseAction: handlers.onChooseAction });
  const filmstrip = createFilmstrip(handlers.onSeek);
  const nearestShot = createNearestShot();
  const controls = createControls(handlers);
  const list = createActionList(handlers.onChooseAction);
  const stage = h('div', { class: 'stage', role: 'region', 'aria-label': 'Replayed page' });
  const status = h('p', { class: 'status', role: 'status' });
  const targetNote = h('p', { class: 'target-note', 'aria-live': 'polite' });
  const actionsHeading = h('h2', { id: 'actions-heading' }, 'Actions');
  const download = handlers.onDownload
    ? h('button', { type: 'button', disabled: true, onclick: handlers.onDownload }, 'Download session (loading...)')
    : null;
  const help = createHelpDialog();
  const fullSize = h(
    'button',
    { type: 'button', 'aria-pressed': 'false', 'aria-keyshortcuts': 'f', onclick: () => setFullSize(!isFullSize()) },
    'Full size',
  );
  const helpButton = h(
    'button',
    { type: 'button', 'aria-keyshortcuts': 'Shift+?', onclick: () => help.toggle() },
    'Keyboard shortcuts (?)',
  );
  const total = Object.values(summary.actionCounts).reduce((s, n) => s + (n ?? 0), 0);

  container.replaceChildren(
    h(
      'section',
      { class: 'session', 'aria-labelledby': 'session-title' },
      handlers.back ? h('p', { class: 'crumbs' }, h('a', { href: handlers.back.href }, handlers.back.label)) : null,
      h(
        'header',
        { class: 'session-header' },
        h('h1', { id: 'session-title' }, summary.site),
        h(
          'dl',
          { class: 'facts' },
          fact('Started', h('time', { datetime: new Date(summary.startedAt).toISOString() }, formatDateTime(summary.startedAt))),
          fact('Duration', formatDuration(summary.endedAt - summary.startedAt)),
          fact('Actions', formatCount(total)),
          fact('Size', formatBytes(summary.bytes)),
          fact('First page', h('span', { class: 'url' }, summary.url)),
        ),
        h(
          'div',
          { class: 'toolbar' },
          h('button', { type: 'button', onclick: handlers.onCopyLink }, 'Copy link to this action'),
          download,
          fullSize,
          helpButton,
        ),
      ),
      status,
      h(
        'div',
        { class: 'session-body' },
        h('div', { class: 'replay-column' }, stage, timeline.element, filmstrip.element, controls.element, targetNote, legend()),
        h('aside', { class: 'actions-column', 'aria-labelledby': 'actions-heading' }, nearestShot.element, actionsHeading, list.element),
      ),
      help.element,
    ),
  );
  const section = container.querySelector<HTMLElement>('section.session')!;
  const isFullSize = () => section.classList.contains('full-size');
  function setFullSize(on: boolean): void {
    section.classList.toggle('full-size', on);
    fullSize.setAttribute('aria-pressed', String(on));
    fullSize.textContent = on ? 'Leave full size' : 'Full size';
  }

  return {
    stage,
    timeline,
    filmstrip,
    nearestShot,
    controls,
    list,
    setStatus: (text) => (status.textContent = text),
    setTargetNote: (text) => (targetNote.textContent = text),
    setActionCount: (n) => (actionsHeading.textContent = `Actions (${formatCount(n)})`),
    setFullSize,
    isFullSize,
    toggleHelp: () => help.toggle(),
    isHelpOpen: () => help.element.open,
    setDownloadReady(ready) {
      if (!download) return;
      download.disabled = !ready;
      download.textContent = ready ? 'Download session' : 'Download session (loading...)';
    },
  };
}

function fact(term: string, value: Node | string): DocumentFragment {
  const frag = document.createDocumentFragment();
  frag.append(h('dt', null, term), h('dd', null, value));
  return frag;
}

function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Timeline legend' },
    ...ACTION_TYPES.map((t) => h('li', null, h('span', { class: `swatch type-${t}`, 'aria-hidden': 'true' }), t)),
    h('li', null, h('span', { class: 'swatch type-mixed', 'aria-hidden': 'true' }), 'several kinds at once'),
    h('li', null, h('span', { class: 'swatch gap', 'aria-hidden': 'true' }), 'pause or gap: nothing recorded for 10 s or more'),
    h('li', null, h('span', { class: 'swatch page-tick', 'aria-hidden': 'true' }), 'page load'),
    h('li', null, h('span', { class: 'swatch unloaded', 'aria-hidden': 'true' }), 'not loaded yet'),
  );
}
