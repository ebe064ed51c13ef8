// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../lib/schema/action';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import type { SessionSource } from '../../server/viewer/web/session/session-source';
import { actionEvent, makeAction } from '../server/fixtures';
import { storedShot } from '../support/shot-fixtures';

/** A stand-in for rrweb's Replayer: remembers what it was told, and a page with the target nodes. */
const fake = vi.hoisted(() => ({
  created: [] as Array<{ events: unknown[]; added: unknown[]; time: number; playing: boolean; doc: Document }>,
}));
vi.mock('../../server/viewer/web/session/player', () => ({
  createPlayer: (_root: HTMLElement, first: unknown[]) => {
    const doc = document.implementation.createHTMLDocument('replay');
    doc.body.innerHTML = '<button id="n42">Go</button>';
    const state = { events: first, added: [] as unknown[], time: 0, playing: false, doc };
    fake.created.push(state);
    return {
      addEvents: async (events: unknown[]) => void state.added.push(...events),
      currentTime: () => state.time,
      seek: (t: number) => Object.assign(state, { time: t, playing: false }),
      play: (t: number) => Object.assign(state, { time: t, playing: true }),
      pause: () => Object.assign(state, { playing: false }),
      isPlaying: () => state.playing,
      setSpeed: () => {},
      setSkipInactive: () => {},
      onFinish: () => {},
      node: (id: number) => (id === 42 ? doc.getElementById('n42') : null),
      document: () => doc,
      destroy: () => {},
    };
  },
}));

const { openSessionView } = await import('../../server/viewer/web/session/session-view');

const T0 = 1_700_000_000_000;
const ACTIONS: Action[] = [makeAction('click', T0 + 1_000), makeAction('type', T0 + 30_000), makeAction('click', T0 + 50_000)];
const eventsOf = (actions: Action[]): RrwebEvent[] => [
  { type: 4, timestamp: T0, data: { href: 'http://x/', width: 800, height: 600 } },
  { type: 2, timestamp: T0, data: {} },
  ...actions.map(actionEvent),
  { type: 3, timestamp: T0 + 60_000, data: {} },
];
const actions = ACTIONS;
const events = eventsOf(ACTIONS);

/** A source whose event pages are released one at a time by the test. */
function gatedSource(actions: Action[] = ACTIONS, shots?: SessionSource['shots']) {
  const events = eventsOf(actions);
  const pages = [events.slice(0, 3), events.slice(3)];
  const gates = pages.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  const source: SessionSource = {
    kind: 'server',
    summary: {
      id: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69',
      site: 'http://x',
      url: 'http://x/',
      startedAt: T0,
      endedAt: T0 + 60_000,
      actionCounts: { click: 2, type: 1 },
      bytes: 999,
      titles: [],
      pages: 1,
      activity: [],
      tabRunId: null,
    },
    actions: async () => actions,
    shots,
    async *eventPages() {
      for (const [i, page] of pages.entries()) {
        await gates[i]!.promise;
        yield page;
      }
    },
  };
  return { source, release: (i: number) => gates[i]!.resolve() };
}

let container: HTMLElement;
let dispose: () => void = () => {};
beforeEach(() => {
  fake.created.length = 0;
  container = document.createElement('div');
  document.body.replaceChildren(container);
});
afterEach(() => dispose());

function open(initialAction: number | null, download = vi.fn(async () => {}), withActions = ACTIONS, shots?: SessionSource['shots']) {
  const { source, release } = gatedSource(withActions, shots);
  const onActionChange = vi.fn();
  dispose = openSessionView(container, source, {
    initialAction,
    back: { label: 'All sessions', href: '#/' },
    onActionChange,
    copyLink: async (i) => `link-${i}`,
    download,
  });
  return { release, onActionChange, download };
}
const option = (i: number) => container.querySelector(`#action-${i}`)!;
const status = () => container.querySelector('.status')!.textContent;

const press = (key: string, target: Element = document.body) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe("the session view's shortcuts", () => {
  it('steps through actions with the arrows, plays and pauses with Space, toggles full size with f', async () => {
    const { release } = open(null);
    release(0);
    release(1);
    await vi.waitFor(() => expect(status()).toBe('Loaded 6 events.'));
    press('ArrowRight');
    expect(option(0).getAttribute('aria-selected')).toBe('true');
    press('ArrowRight');
    press('ArrowRight');
    press('ArrowRight'); // past the last: stays on it
    expect(option(2).getAttribute('aria-selected')).toBe('true');
    expect(fake.created[0]!.time).toBe(50_000);
    press('ArrowLeft');
    expect(option(1).getAttribute('aria-selected')).toBe('true');
    press(' ');
    expect(fake.created[0]!.playing).toBe(true);
    expect(container.querySelector('.controls .play')!.textContent).toBe('Pause');
    press(' ');
    expect(fake.created[0]!.playing).toBe(false);
    press('f');
    expect(container.querySelector('section.session')!.classList.contains('full-size')).toBe(true);
    press('Escape');
    expect(container.querySelector('section.session')!.classList.contains('full-size')).toBe(false);
    // Typing in a field is left alone.
    const field = container.appendChild(document.createElement('input'));
    press('f', field);
    expect(container.querySelector('section.session')!.classList.contains('full-size')).toBe(false);
  });

  it('stops listening once the view is closed', async () => {
    const { release } = open(null);
    release(0);
    release(1);
    await vi.waitFor(() => expect(status()).toBe('Loaded 6 events.'));
    dispose();
    dispose = () => {};
    press('ArrowRight');
    expect(option(0).getAttribute('aria-selected')).toBe('false');
  });
});

describe('the session view', () => {
  it('starts replaying with the first page of events and appends the rest as they arrive', async () => {
    const { release } = open(null);
    release(0);
    await vi.waitFor(() => expect(fake.created).toHaveLength(1));
    expect(fake.created[0]!.events).toHaveLength(3);
    expect(status()).toMatch(/^Loading: 3 events so far/);
    release(1);
    await vi.waitFor(() => expect(status()).toBe('Loaded 6 events.'));
    expect(fake.created[0]!.added).toEqual(events.slice(3));
  });

  it('holds a deep link to an action that has not loaded yet, then seeks there and highlights its target', async () => {
    const { release, onActionChange } = open(2);
    await vi.waitFor(() => expect(option(2)?.getAttribute('aria-selected')).toBe('true'));
    expect(status()).toBe('Loading the recording up to 0:50...');
    release(0);
    await vi.waitFor(() => expect(fake.created).toHaveLength(1));
    // Loaded up to 0:01 only: still waiting, not seeking into events it does not have.
    expect(status()).toBe('Loading the recording up to 0:50...');
    expect(fake.created[0]!.time).toBe(0);
    release(1);
    await vi.waitFor(() => expect(fake.created[0]!.time).toBe(50_000));
    expect(fake.created[0]!.doc.querySelector('[data-webtrace-target]')!.id).toBe('n42');
    expect(container.querySelector('.target-note')!.textContent).toBe('Highlighted: the target of action 3, button "Do click".');
    expect(onActionChange).toHaveBeenLastCalledWith(2);
  });

  it('seeks a value-setting action to just after it, so its masked value shows', async () => {
    const { release } = open(null);
    release(0);
    release(1);
    await vi.waitFor(() => expect(status()).toBe('Loaded 6 events.'));
    (option(1).querySelector('.action-type') as HTMLElement).click();
    expect(fake.created[0]!.time).toBe(30_001);
    expect(container.querySelector<HTMLInputElement>('input[type=range]')!.value).toBe('30001');
  });

  it('keeps a chosen action current even when the next one happened in the same or the next millisecond', async () => {
    // Typing is reported when the field is left: often by the click that follows, 0-1 ms later.
    const { release } = open(null, undefined, [
      makeAction('type', T0 + 30_000),
      makeAction('click', T0 + 30_001),
      makeAction('click', T0 + 30_001),
    ]);
    release(0);
    release(1);
    await vi.waitFor(() => expect(status()).toBe('Loaded 6 events.'));
    (option(0).querySelector('.action-type') as HTMLElement).click();
    expect(fake.created[0]!.time).toBe(30_001);
    expect(option(0).getAttribute('aria-selected')).toBe('true');
    (option(1).querySelector('.action-type') as HTMLElement).click();
    expect(option(1).getAttribute('aria-selected')).toBe('true');
    expect(option(2).getAttribute('aria-selected')).toBe('false');
  });

  it('offers the download only once every event has loaded, with all of them', async () => {
    const { release, download } = open(null);
    const button = () => Array.from(container.querySelectorAll('button')).find((b) => b.textContent!.startsWith('Download'))!;
    release(0);
    await vi.waitFor(() => expect(fake.created).toHaveLength(1));
    expect(button().disabled).toBe(true);
    release(1);
    await vi.waitFor(() => expect(button().disabled).toBe(false));
    button().click();
    expect(download).toHaveBeenCalledWith({ actions, events });
  });
});

describe("the session view's screenshots", () => {
  const shot = (offset: number, trigger: 'before-action' | 'after-action' | 'periodic', requested = offset) => ({
    shot: storedShot(T0 + offset, { trigger, requestedAt: T0 + requested }),
    url: `http://viewer.test/shot-${offset}`,
  });
  const SHOTS = [shot(900, 'before-action', 850), shot(1_400, 'after-action'), shot(20_000, 'periodic'), shot(49_950, 'before-action')];
  const strip = () => container.querySelector<HTMLElement>('.filmstrip')!;
  const nearest = () => container.querySelector<HTMLElement>('.shot-nearest')!;
  const thumbs = () => Array.from(strip().querySelectorAll<HTMLButtonElement>('.shot-thumb'));

  it('shows a filmstrip whose thumbnails seek the replay, the shot nearest the playhead, and each action its own shots', async () => {
    const { release } = open(null, undefined, ACTIONS, async () => SHOTS);
    release(0);
    release(1);
    await vi.waitFor(() => expect(thumbs()).toHaveLength(4));
    expect(strip().hidden).toBe(false);
    expect(thumbs().map((b) => b.getAttribute('aria-label'))).toEqual([
      'Screenshot at 0:00.9, taken before an action',
      'Screenshot at 0:01.4, taken after an action',
      'Screenshot at 0:20.0, periodic',
      'Screenshot at 0:49.9, taken before an action',
    ]);
    // One tab stop; arrows move along the strip.
    expect(thumbs().map((b) => b.tabIndex)).toEqual([0, -1, -1, -1]);
    thumbs()[0]!.focus();
    press('ArrowRight', thumbs()[0]!);
    expect(document.activeElement).toBe(thumbs()[1]);
    press('End', thumbs()[1]!);
    expect(document.activeElement).toBe(thumbs()[3]);
    expect(option(0).getAttribute('aria-selected')).toBe('false'); // the strip's arrows are not the page's

    await vi.waitFor(() => expect(fake.created).toHaveLength(1));
    thumbs()[2]!.click();
    expect(fake.created[0]!.time).toBe(20_000);
    expect(nearest().hidden).toBe(false);
    expect(nearest().querySelector('img')!.getAttribute('src')).toBe('http://viewer.test/shot-20000');
    expect(nearest().querySelector('figcaption')!.textContent).toBe('Screenshot at 0:20.0: at the playhead, periodic');
    expect(thumbs()[2]!.getAttribute('aria-current')).toBe('true');

    (option(0) as HTMLElement).click(); // action 1, at 0:01
    expect(fake.created[0]!.time).toBe(1_000);
    expect(nearest().querySelector('img')!.getAttribute('src')).toBe('http://viewer.test/shot-900');
    expect(nearest().querySelector('figcaption')!.textContent).toBe(
      'Screenshot at 0:00.9: 0.1 s before the playhead, taken before an action',
    );
    expect(thumbs()[2]!.hasAttribute('aria-current')).toBe(false);

    const row = option(0);
    expect(Array.from(row.querySelectorAll('img.action-shot')).map((i) => [i.className, i.getAttribute('src')])).toEqual([
      ['action-shot before', 'http://viewer.test/shot-900'],
      ['action-shot after', 'http://viewer.test/shot-1400'],
    ]);
    expect(option(1).querySelector('.action-shots')).toBeNull();
    expect(Array.from(option(2).querySelectorAll('img.action-shot')).map((i) => i.className)).toEqual(['action-shot before']);
  });

  it('shows nothing and says nothing when the session has no shots', async () => {
    const { release } = open(null, undefined, ACTIONS, async () => []);
    release(0);
    release(1);
    await vi.waitFor(() => expect(status()).toBe('Loaded 6 events.'));
    expect(strip().hidden).toBe(true);
    expect(nearest().hidden).toBe(true);
    expect(container.querySelector('.action-shots')).toBeNull();
  });
});
