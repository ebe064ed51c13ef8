import cliProgress from 'cli-progress';

export interface Progress {
  /** `n` more steps walked. */
  advance(n: number): void;
  stop(): void;
}

/**
 * The progress bar on stderr (cli-progress): steps walked of the total the
 * store counted, steps per second and ETA; on a stream that is not a
 * terminal, the same as a plain line every two seconds.
 */
export function startProgress(stream: NodeJS.WriteStream, total: number, done: number, quiet: boolean): Progress {
  if (quiet) return { advance: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // `left`, not `eta`: cli-progress fills its own {eta} (bare seconds) over a payload of that name.
      format: 'export |{bar}| {value}/{total} steps | {rate} steps/s | ETA {left}',
      noTTYOutput: true,
      notTTYSchedule: 2000,
      hideCursor: stream.isTTY === true,
      gracefulExit: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let value = done;
  bar.start(Math.max(total, done), done, { rate: '0.0', left: '--' });
  return {
    advance(n) {
      value += n;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? (value - done) / seconds : 0;
      bar.update(value, { rate: rate.toFixed(1), left: rate > 0 ? formatSeconds(Math.max(0, total - value) / rate) : '--' });
    },
    stop() {
      bar.update(value);
      bar.stop();
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
