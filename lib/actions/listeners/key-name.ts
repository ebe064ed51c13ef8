const MODIFIER_KEYS = new Set([
  'Shift',
  'Control',
  'Alt',
  'Meta',
  'AltGraph',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'FnLock',
  'Hyper',
  'Super',
  'Symbol',
  'SymbolLock',
  'OS',
]);
const NAMED_KEYS = new Set(['Enter', 'Escape', 'Tab']);

/**
 * The recorded name of a keydown ("Escape", "Shift+Tab", "Control+Shift+K"), or
 * null when it must not be recorded: a printable key without Ctrl/Meta is typed
 * text; Alt alone and AltGr (Ctrl+Alt on Windows) type characters too, so
 * Ctrl+Alt+printable is dropped; auto-repeat, IME composition and
 * modifier-only presses are noise.
 */
export function keyName(event: KeyboardEvent): string | null {
  const { key } = event;
  if (event.repeat || event.isComposing || !key || key === 'Unidentified' || key === 'Dead' || key === 'Process') return null;
  if (MODIFIER_KEYS.has(key)) return null;
  // Windows reports AltGr as Ctrl+Alt: with a printable key that may be a typed character ("@").
  const altGraph = typeof event.getModifierState === 'function' && event.getModifierState('AltGraph');
  const maybeAltGr = event.ctrlKey && (event.altKey || altGraph);
  const printable = [...key].length === 1;
  const chord = event.metaKey || (event.ctrlKey && !(maybeAltGr && printable));
  if (!chord && !NAMED_KEYS.has(key)) return null;
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('Control');
  if (event.altKey) parts.push('Alt');
  if (event.metaKey) parts.push('Meta');
  if (event.shiftKey) parts.push('Shift');
  parts.push(key === ' ' ? 'Space' : /^[a-z]$/.test(key) ? key.toUpperCase() : key);
  return parts.join('+').slice(0, 64);
}
