import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startProgress } from '../../exporter/cli/progress';

/** The export's progress on stderr: a bar on a terminal, plain lines otherwise; steps, steps/s and ETA in both. */
type FakeStream = NodeJS.WriteStream & { text: () => string };

function stream(tty: boolean): FakeStream {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & Record<string, unknown>;
  let text = '';
  (s as unknown as PassThrough).on('data', (b: Buffer) => (text += b.toString()));
  if (tty) {
    // What cli-progress's terminal writer calls on a TTY stream.
    Object.assign(s, {
      isTTY: true,
      columns: 120,
      cursorTo: (x: number, _y?: unknown, cb?: () => void) => (s.write(`\x1b[${x + 1}G`), cb?.(), true),
      clearLine: (_d: number, cb?: () => void) => (cb?.(), true),
      moveCursor: (_x: number, _y: number, cb?: () => void) => (cb?.(), true),
      clearScreenDown: (cb?: () => void) => (cb?.(), true),
    });
  }
  return Object.assign(s, { text: () => text }) as FakeStream;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** 10 of 100 steps were done before; 40 more in 10 s: 4.0 steps/s, 50 left: 13 s. */
function run(s: FakeStream, quiet = false): void {
  const p = startProgress(s, 100, 10, quiet);
  vi.advanceTimersByTime(10_000);
  p.advance(40);
  vi.advanceTimersByTime(2_500);
  p.stop();
}

describe('export progress', () => {
  it('writes plain lines when stderr is not a terminal: steps, steps/s and a formatted ETA', () => {
    const s = stream(false);
    run(s);
    const lines = s.text().split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^export \|.*\| 10\/100 steps \| 0\.0 steps\/s \| ETA --$/);
    expect(lines).toContainEqual(expect.stringMatching(/\| 50\/100 steps \| 4\.0 steps\/s \| ETA 13s$/));
    expect(s.text()).not.toContain('\x1b[');
  });

  it('draws a bar in place on a terminal', () => {
    const s = stream(true);
    run(s);
    expect(s.text()).toContain('\x1b[1G');
    expect(s.text()).toMatch(/export \|[█░]+\| 50\/100 steps \| 4\.0 steps\/s \| ETA 13s/);
  });

  it('writes nothing with --quiet', () => {
    const s = stream(false);
    run(s, true);
    expect(s.text()).toBe('');
  });
});
