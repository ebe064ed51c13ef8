import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A watchdog that outlives its parent: it is told each daemon's process group, and when its stdin
 * closes without a "done" line (the test runner exited, crashed or was SIGKILLed before calling
 * stop) it kills those groups and removes the engine's directory. So a throwaway engine never
 * outlives the run that started it.
 */
const script = fileURLToPath(new URL('./reaper.sh', import.meta.url));

export interface Reaper {
  watch(processGroup: number): void;
  /** The owner cleaned up itself: the reaper exits without touching anything. */
  release(): void;
}

export function startReaper(dir: string): Reaper {
  const child = spawn('bash', [script, dir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  const stdin = child.stdin!;
  // The pipe must not keep the runner alive; its closing at exit is the signal.
  (stdin as unknown as { unref?: () => void }).unref?.();
  stdin.on('error', () => {});
  return {
    watch(processGroup) {
      stdin.write(`${processGroup}\n`);
    },
    release() {
      stdin.end('done\n');
    },
  };
}
