/**
 * What the page did lately, for a shot's preconditions and its "changed" flag:
 * when it last scrolled or resized, whether an IME composition is open, and a
 * count of every change (mutations, scrolls, resizes, wheels, input) it saw.
 */
export interface PageMotion {
  lastMoveAt: number;
  composing: boolean;
  epoch: number;
  /** Set by a scroll or resize; the responder clears it when it arms a shot. */
  moved: boolean;
  stop(): void;
}

export function watchPageMotion(
  win: Window,
  doc: Document,
  now: () => number,
  wrap: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void,
): PageMotion {
  const motion: PageMotion = { lastMoveAt: -Infinity, composing: false, epoch: 0, moved: false, stop: () => {} };
  const onMove = wrap(() => {
    motion.lastMoveAt = now();
    motion.epoch += 1;
    motion.moved = true;
  });
  const onInput = wrap(() => {
    motion.epoch += 1;
  });
  const onCompose = wrap((event: Event) => {
    motion.composing = event.type !== 'compositionend';
  });
  const opts = { capture: true, passive: true } as const;
  const listeners: Array<[EventTarget, string, (e: Event) => void]> = [
    [doc, 'scroll', onMove],
    [win, 'resize', onMove],
    // Hidden and back (another tab shown meanwhile) counts as a change too.
    [doc, 'visibilitychange', onMove],
    [doc, 'input', onInput],
    // A wheel scrolls a frame before its scroll event: an action right after it must not count as "no change".
    [doc, 'wheel', onInput],
    [doc, 'compositionstart', onCompose],
    [doc, 'compositionupdate', onCompose],
    [doc, 'compositionend', onCompose],
  ];
  if (win.visualViewport) listeners.push([win.visualViewport, 'resize', onMove], [win.visualViewport, 'scroll', onMove]);
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn, opts);
  motion.stop = () => {
    for (const [target, type, fn] of listeners) target.removeEventListener(type, fn, opts);
  };
  return motion;
}
