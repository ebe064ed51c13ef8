/** What a key does on the session page. */
export type ShortcutCommand = 'play-pause' | 'previous-action' | 'next-action' | 'full-size' | 'help' | 'close';

export const SHORTCUTS: ReadonlyArray<{ keys: string; label: string }> = [
  { keys: 'Space', label: 'Play or pause the replay' },
  { keys: '\u2190 / \u2192', label: 'Previous / next action' },
  { keys: 'f', label: 'Full-size player (again to leave)' },
  { keys: '?', label: 'Show or hide these shortcuts' },
  { keys: 'Esc', label: 'Close this help, or leave the full-size player' },
];

/** Where a key already means something to the element itself (typing, a slider, a button's Space). */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  const el = target.closest('input, select, textarea, [contenteditable], button, a[href], summary');
  if (!el) return false;
  if (key === 'Escape') return false;
  // A button or link takes Space and Enter, not letters or arrows.
  if (el.matches('button, a[href], summary')) return key === ' ';
  return true;
}

/**
 * The command for a keydown, or null when the key is not a shortcut here or
 * the focused element uses it itself. Pure, so it can be tested without a page.
 */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): ShortcutCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (ownsKey(event.target, event.key)) return null;
  switch (event.key) {
    case ' ':
      return 'play-pause';
    case 'ArrowLeft':
      return 'previous-action';
    case 'ArrowRight':
      return 'next-action';
    case 'f':
    case 'F':
      return 'full-size';
    case '?':
      return 'help';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}
