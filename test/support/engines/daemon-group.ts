import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startReaper } from './reaper';

export interface DaemonOptions {
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
}

/**
 * The daemons of one throwaway engine, all living in `dir`. Each runs in the foreground in its own
 * process group (so a stop takes its children too), writes to `dir/<name>.out`, and is watched by a
 * reaper in case the runner dies before `stop`.
 */
export interface DaemonGroup {
  readonly dir: string;
  readonly pids: readonly number[];
  spawn(name: string, file: string, args: string[], opts?: DaemonOptions): ChildProcess;
  /** Why a daemon is no longer running (with the end of its output), or null while all run. */
  failure(): string | null;
  /** Kills every process group, waits for them to go, removes `dir`. Safe to call twice. */
  stop(): Promise<void>;
}

export function createDaemonGroup(dir: string): DaemonGroup {
  const reaper = startReaper(dir);
  const daemons: { name: string; child: ChildProcess; outFile: string }[] = [];
  let stopping: Promise<void> | null = null;

  const tail = (file: string) => {
    try {
      return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
    } catch {
      return '(no output)';
    }
  };

  return {
    dir,
    get pids() {
      return daemons.map((d) => d.child.pid!).filter(Boolean);
    },
    spawn(name, file, args, opts = {}) {
      const outFile = path.join(dir, `${name}.out`);
      const fd = openSync(outFile, 'a');
      const child = spawn(file, args, { cwd: dir, env: opts.env, uid: opts.uid, gid: opts.gid, detached: true, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      child.on('error', () => {}); // reported through failure(): exitCode stays null, pid undefined
      if (child.pid === undefined) throw new Error(`could not start ${name} (${file})`);
      reaper.watch(child.pid);
      daemons.push({ name, child, outFile });
      return child;
    },
    failure() {
      const dead = daemons.find((d) => d.child.exitCode !== null || d.child.signalCode !== null);
      if (!dead) return null;
      return `${dead.name} exited (${dead.child.exitCode ?? dead.child.signalCode}):\n${tail(dead.outFile)}`;
    },
    stop() {
      stopping ??= (async () => {
        for (const { child } of daemons) killGroup(child.pid!);
        await Promise.all(daemons.map(({ child }) => groupGone(child)));
        await rm(dir, { recursive: true, force: true, maxRetries: 3 });
        reaper.release();
      })();
      return stopping;
    },
  };
}

/**
 * Runs `start` with a new group in a fresh temp dir named `<prefix>XXXXXX`; if it fails, stops the
 * group first (no daemon or directory is left behind) and rethrows.
 */
export async function startDaemonGroup<T>(prefix: string, start: (group: DaemonGroup) => Promise<T>): Promise<T> {
  const group = createDaemonGroup(await mkdtemp(path.join(tmpdir(), prefix)));
  try {
    return await start(group);
  } catch (error) {
    await group.stop();
    throw error;
  }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The leader has been reaped and no process of its group is left (bounded: a zombie must not hang a stop). */
async function groupGone(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
