import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** The real `webtrace-export` command as a child process (stderr is a pipe: plain progress lines). */
export async function runExportCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/webtrace-export.mjs', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  // 'close', not 'exit': only then has all of stderr been read.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stderr };
}

/** Rows of every Parquet file matching `glob` (relative to `dir`), through DuckDB: an independent reader. */
export async function duckRows<T = Record<string, unknown>>(dir: string, glob: string, select = '*', order = ''): Promise<T[]> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const files = await listFiles(dir, glob);
    if (!files.length) return [];
    const list = files.map((f) => `'${path.join(dir, f).replace(/'/g, "''")}'`).join(', ');
    const reader = await db.runAndReadAll(`select ${select} from read_parquet([${list}]) ${order}`);
    return reader.getRowObjectsJson() as T[];
  } finally {
    db.closeSync();
  }
}

/** Any DuckDB query; `{table}` names (e.g. `{steps}`) become read_parquet over that table's files in `dir`. */
export async function duckQuery<T = Record<string, unknown>>(dir: string, sql: string): Promise<T[]> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    let query = sql;
    for (const table of ['steps', 'episodes', 'grounding']) {
      if (!query.includes(`{${table}}`)) continue;
      const files = await listFiles(dir, `${table}/*.parquet`);
      const list = files.map((f) => `'${path.join(dir, f).replace(/'/g, "''")}'`).join(', ');
      query = query.replaceAll(`{${table}}`, `read_parquet([${list}])`);
    }
    return (await db.runAndReadAll(query)).getRowObjectsJson() as T[];
  } finally {
    db.closeSync();
  }
}

/** Files under `dir` whose relative path matches a glob with `*` (within one path segment). */
export async function listFiles(dir: string, glob: string): Promise<string[]> {
  const re = new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  const out: string[] = [];
  const walk = async (sub: string) => {
    for (const e of await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => [])) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (re.test(rel)) out.push(rel);
    }
  };
  await walk('');
  return out.sort();
}

export async function jsonLines<T>(dir: string, glob: string): Promise<T[]> {
  const rows: T[] = [];
  for (const f of await listFiles(dir, glob)) {
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (line) rows.push(JSON.parse(line) as T);
  }
  return rows;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  if (b.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Which of `sources` Python's ast module cannot parse as a sequence of function calls (empty: all parse). */
export async function pythonCallsThatFail(sources: readonly string[]): Promise<string[]> {
  const script = [
    'import ast, json, sys',
    'bad = []',
    'for src in json.load(sys.stdin):',
    '    try:',
    '        tree = ast.parse(src)',
    '        if not tree.body or not all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) for s in tree.body):',
    '            bad.append(src)',
    '    except SyntaxError:',
    '        bad.append(src)',
    'print(json.dumps(bad))',
  ].join('\n');
  const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stdin.end(JSON.stringify(sources));
  await new Promise((resolve) => child.once('close', resolve));
  return JSON.parse(out) as string[];
}

/**
 * Everything the dataset's Parquet files hold, as text, read through DuckDB:
 * Parquet pages decompressed and decoded, the gzip DOM column gunzipped, the
 * screenshots' bytes left out (pixels are not text).
 */
export async function parquetText(dir: string): Promise<string> {
  const { gunzipSync } = await import('node:zlib');
  const parts: string[] = [];
  parts.push(JSON.stringify(await duckRows(dir, 'episodes/*.parquet')));
  parts.push(JSON.stringify(await duckRows(dir, 'grounding/*.parquet', '* exclude (screenshot), screenshot.path as screenshot_path')));
  const steps = await duckRows<{ dom: string | null }>(
    dir,
    'steps/*.parquet',
    '* exclude (screenshot, dom_html_gz), screenshot.path as screenshot_path, to_base64(dom_html_gz) as dom',
  );
  for (const s of steps) {
    const { dom, ...rest } = s;
    parts.push(JSON.stringify(rest));
    if (dom) parts.push(gunzipSync(Buffer.from(dom, 'base64')).toString('utf8'));
  }
  return parts.join('\n');
}
