import { describe, expect, it } from 'vitest';
import { ACTION_EVENT_TAG } from '../../lib/schema/action';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { createTypingGuard, PASSWORD_PLACEHOLDER } from '../../lib/recorder/typing-guard';

/** A clock and timers the test moves by hand. */
function harness(isPassword: (id: number) => boolean = () => false) {
  let now = 1_000_000;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const out: RrwebEvent[] = [];
  const guard = createTypingGuard({
    push: (e) => void out.push(e),
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (h) => void (timers = timers.filter((t) => t.id !== h)),
    isPassword,
  });
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { guard, out, advance, now: () => now };
}

const mutation = (t: number, text: string): RrwebEvent => ({
  type: 3,
  timestamp: t,
  data: { source: 0, texts: [{ id: 9, value: text }], attributes: [], removes: [], adds: [] },
});
const move = (t: number): RrwebEvent => ({ type: 3, timestamp: t, data: { source: 1, positions: [{ x: 1, y: 1, id: 2, timeOffset: 0 }] } });
const focus = (t: number, id = 7): RrwebEvent => ({ type: 3, timestamp: t, data: { source: 2, type: 5, id } });
const input = (t: number, id: number, text: string): RrwebEvent => ({
  type: 3,
  timestamp: t,
  data: { source: 5, id, text, isChecked: false },
});
const typeAction = (t: number, inputType = 'text', length = 5): RrwebEvent => ({
  type: 5,
  timestamp: t,
  data: {
    tag: ACTION_EVENT_TAG,
    payload: {
      type: 'type',
      t,
      url: 'http://x/',
      target: { tag: 'input', role: 'textbox', name: 'f', inputType, nodeId: 7, bbox: null, ancestors: [], selectors: [] },
      value: { kind: 'masked', length },
    },
  },
});

/** Types with the given gaps: a keystroke, and the page's change for it, at each. */
function typeRhythm(h: ReturnType<typeof harness>, gaps: number[]) {
  const times: number[] = [];
  for (const [i, gap] of [0, ...gaps].entries()) {
    h.advance(gap);
    h.guard.keystroke();
    h.guard.push(mutation(h.now(), `${i + 1}/280`));
    times.push(h.now());
  }
  return times;
}

describe('createTypingGuard', () => {
  it('holds a burst back and releases it stamped with its end: no typed gap survives', () => {
    const h = harness();
    const gaps = [120, 450, 80, 700, 300, 90, 600];
    const times = typeRhythm(h, gaps);
    expect(h.out).toEqual([]);
    h.advance(999);
    expect(h.out).toEqual([]);
    h.advance(1);
    // The burst's end; 1 ms before it, so an action at the end comes after them.
    const end = times.at(-1)! + 1000 - 1;
    expect(h.out.map((e) => e.timestamp)).toEqual(Array(gaps.length + 1).fill(end));
    expect(h.out.map((e) => (e.data as { texts: Array<{ value: string }> }).texts[0]!.value)).toEqual(
      gaps.map((_, i) => `${i + 1}/280`).concat(`${gaps.length + 1}/280`),
    );
    // After the burst, events pass at once with their own times.
    h.advance(5000);
    h.guard.push(mutation(h.now(), 'later'));
    expect(h.out.at(-1)!.timestamp).toBe(h.now());
  });

  it('keeps pointer positions at their own times, before the released events', () => {
    const h = harness();
    h.guard.keystroke();
    h.guard.push(mutation(h.now(), 'a'));
    h.advance(100);
    h.guard.push(move(h.now()));
    h.advance(200);
    h.guard.keystroke();
    h.guard.push(mutation(h.now(), 'b'));
    h.advance(1000);
    expect(h.out.map((e) => [(e.data as { source: number }).source, e.timestamp])).toEqual([
      [1, 1_000_100],
      [0, 1_001_299],
      [0, 1_001_299],
    ]);
  });

  it('ends the burst when focus leaves, at a whole number of seconds after the visit began; the type action too', () => {
    const h = harness();
    h.guard.push(focus(h.now()));
    const visit = h.now();
    h.advance(50);
    typeRhythm(h, [200, 300, 150]);
    h.advance(1600); // 1 s without a key ends the burst 1.7 s into the visit: released at 2 s
    expect(h.out.slice(1).map((e) => e.timestamp - visit)).toEqual([1999, 1999, 1999, 1999]);

    const g = harness();
    g.guard.push(focus(g.now()));
    const start = g.now();
    typeRhythm(g, [300, 250]);
    g.advance(100); // 0.65 s after the visit began: Tab
    g.guard.keystroke();
    g.guard.end();
    g.guard.push(typeAction(g.now()));
    expect(g.out).toHaveLength(1); // the focus event only: the release waits for the whole second
    g.advance(400);
    const released = g.out.slice(1);
    // The type action at the whole second; what the typing changed just before it.
    expect(released.map((e) => e.timestamp - start)).toEqual([999, 999, 999, 1000]);
    expect((released.at(-1)!.data as { payload: { t: number } }).payload.t).toBe(start + 1000);
  });

  it('keeps the order of what happens while the release waits: each action sees only what came before it', () => {
    const h = harness();
    h.guard.push(focus(h.now()));
    const start = h.now();
    typeRhythm(h, [200]);
    h.advance(100);
    h.guard.end(); // focus leaves for a dropdown, 0.3 s into the visit: the release waits for 1 s
    // It opens on pointerdown: its change comes before the click action, which carries the gesture's start.
    const click = { ...typeAction(h.now() + 80), data: { tag: ACTION_EVENT_TAG, payload: { type: 'click', t: h.now() } } } as RrwebEvent;
    h.guard.push(mutation(h.now() + 5, 'popup open'));
    h.guard.push(click);
    h.advance(200);
    const choose = { ...click, timestamp: h.now(), data: { tag: ACTION_EVENT_TAG, payload: { type: 'select', t: h.now() } } } as RrwebEvent;
    h.guard.push(choose);
    h.guard.push(mutation(h.now() + 5, 'popup closed'));
    h.advance(600);
    const released = h.out
      .slice(1)
      .map((e) => [
        e.type === 5
          ? (e.data as { payload: { type: string } }).payload.type
          : (e.data as { texts: Array<{ value: string }> }).texts[0]!.value,
        e.timestamp - start,
      ]);
    expect(released).toEqual([
      ['1/280', 999],
      ['2/280', 999],
      ['click', 1000],
      ['popup open', 1001],
      ['select', 1002],
      ['popup closed', 1003],
    ]);
    // What the clock says afterwards is never earlier than what was released.
    h.guard.push(mutation(start + 1001, 'late'));
    expect(h.out.at(-1)!.timestamp - start).toBe(1003);
    // While the stamps are still ahead of the clock, actions keep their steps: the second sees what the first caused.
    const action = (type: string, t: number) =>
      ({ type: 5, timestamp: t, data: { tag: ACTION_EVENT_TAG, payload: { type, t } } }) as RrwebEvent;
    h.guard.push(action('click', start + 1001));
    h.guard.push(mutation(start + 1001, 'menu open'));
    h.guard.push(action('select', start + 1002));
    h.guard.push(mutation(start + 1010, 'menu closed'));
    expect(
      h.out.slice(-4).map((e) => [e.timestamp - start, e.type === 5 ? (e.data as { payload: { t: number } }).payload.t - start : null]),
    ).toEqual([
      [1004, 1004],
      [1005, null],
      [1006, 1006],
      [1010, null],
    ]);
  });

  it("keeps a field's value as typed before its type action, and a later reset after it", () => {
    const h = harness();
    h.guard.keystroke();
    h.guard.push(input(h.now(), 7, '*'));
    h.guard.push(input(h.now(), 7, '**'));
    h.advance(100);
    // The type action carries an earlier time than rrweb gave the value (it may stamp it as focus leaves).
    h.guard.push(typeAction(h.now() - 150));
    h.guard.push(input(h.now() + 1, 7, '***')); // reported again as focus leaves
    h.guard.push({ ...typeAction(h.now() + 2), data: { tag: ACTION_EVENT_TAG, payload: { type: 'click', t: h.now() + 2 } } } as RrwebEvent);
    h.guard.push(input(h.now() + 3, 7, ''));
    h.advance(300);
    h.guard.flush();
    expect(h.out.map((e) => (e.type === 5 ? 'type' : (e.data as { text: string }).text))).toEqual(['***', 'type', 'type', '']);
  });

  it('gives a clock for what is added after it (the page-end marker) that is never before a release', () => {
    const h = harness();
    h.guard.keystroke();
    h.guard.push(mutation(h.now(), 'a'));
    h.guard.push({ ...typeAction(h.now()), data: { tag: ACTION_EVENT_TAG, payload: { type: 'select', t: h.now() } } } as RrwebEvent);
    h.guard.push(mutation(h.now(), 'closed'));
    h.advance(300);
    h.guard.flush(); // pagehide
    expect(h.out.map((e) => e.timestamp - h.now())).toEqual([-1, 0, 1]);
    expect(h.guard.now()).toBe(h.now() + 1);
  });

  it('keeps one value per field (its final length) and says nothing of a password', () => {
    const h = harness((id) => id === 8);
    h.guard.keystroke();
    h.guard.push(input(h.now(), 7, '*'));
    h.guard.push(input(h.now(), 8, '*'));
    h.advance(200);
    h.guard.keystroke();
    h.guard.push(input(h.now(), 7, '**'));
    h.guard.push(input(h.now(), 8, '**'));
    h.guard.push({
      type: 3,
      timestamp: h.now(),
      data: { source: 0, texts: [], attributes: [{ id: 8, attributes: { value: '**' } }], removes: [], adds: [] },
    });
    h.advance(1000);
    const inputs = h.out.filter((e) => (e.data as { source: number }).source === 5).map((e) => e.data as { id: number; text: string });
    expect(inputs).toEqual([
      { source: 5, id: 7, text: '**', isChecked: false },
      { source: 5, id: 8, text: PASSWORD_PLACEHOLDER, isChecked: false },
    ]);
    expect(JSON.stringify(h.out)).not.toContain('"value":"**"');
    // Outside a burst too, and the type action on a password carries no length.
    h.guard.push(input(h.now(), 8, '***'));
    h.guard.push(typeAction(h.now(), 'password', 3));
    expect((h.out.at(-2)!.data as { text: string }).text).toBe(PASSWORD_PLACEHOLDER);
    expect((h.out.at(-1)!.data as { payload: { value: unknown } }).payload.value).toEqual({ kind: 'none' });
  });

  it('releases at once when the page goes, and never holds more than its cap', () => {
    const h = harness();
    h.guard.keystroke();
    h.guard.push(mutation(h.now(), 'a'));
    h.advance(300);
    h.guard.flush();
    expect(h.out.map((e) => e.timestamp)).toEqual([h.now() - 1]);
    for (let i = 0; i < 6000; i++) {
      h.guard.keystroke();
      h.guard.push(mutation(h.now(), 'x'));
    }
    expect(h.out.length).toBe(1 + 5000);
  });
});
