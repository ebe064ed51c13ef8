import type { Playback } from './session-playback';
import type { SessionPage } from './session-page';
import { shortcutFor, type ShortcutCommand } from './shortcuts';

/** The session page's keyboard shortcuts (shortcuts.ts maps keys to commands); returns the unbinder. */
export function bindSessionKeys(page: SessionPage, playback: Playback): () => void {
  const commands: Record<ShortcutCommand, () => void> = {
    'play-pause': () => playback.togglePlay(),
    // From the replay's position when nothing is chosen yet: the first action at or after it.
    'previous-action': () => playback.choose(playback.current() < 0 ? 0 : playback.current() - 1),
    'next-action': () => playback.choose(playback.current() + 1),
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
  return () => document.removeEventListener('keydown', onKey);
}
