import type { TypingGuard } from './typing-guard';

/**
 * The page events the typing guard needs: keystrokes start or extend a burst,
 * focus leaving a field or a submit ends it. Listened to in the capture phase
 * in the content script's world, so the page can neither see nor stop them.
 * Returns the teardown.
 */
export function listenForTyping(
  doc: Document,
  guard: TypingGuard,
  wrap: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void,
): () => void {
  const onKey = wrap(() => guard.keystroke());
  const onEnd = wrap(() => guard.end());
  const listeners: Array<[string, EventListener]> = [
    ['keydown', onKey],
    ['input', onKey],
    ['focusout', onEnd],
    ['submit', onEnd],
  ];
  for (const [type, fn] of listeners) doc.addEventListener(type, fn, { capture: true });
  return () => {
    for (const [type, fn] of listeners) doc.removeEventListener(type, fn, { capture: true });
  };
}

/** Whether a recorded node is, or once was, a password field ("show password" makes it text, not public). */
export function passwordFields(nodeById: (id: number) => Node | null): (id: number) => boolean {
  const seen = new Set<number>();
  return (id) => {
    if (seen.has(id)) return true;
    const node = nodeById(id) as HTMLInputElement | null;
    const password = node?.nodeName === 'INPUT' && node.type === 'password';
    if (password) seen.add(id);
    return password;
  };
}
