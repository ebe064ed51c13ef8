import { execFile } from 'node:child_process';

export interface ToolOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  timeoutMs?: number;
}

/** Runs an engine's one-shot tool (initdb, radosgw-admin...) and returns its stdout; fails with its output. */
export function runTool(file: string, args: string[], opts: ToolOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd, env: opts.env, uid: opts.uid, gid: opts.gid, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${stderr}${stdout}`.trim()));
        else resolve(stdout);
      },
    );
  });
}
