import type { KeptReadToken } from './read-token-file';

/**
 * The read token in a frame of its own, so it is found among the server's log
 * lines: what it is for, and the file it stays in across restarts.
 */
export function readTokenBanner(kept: KeptReadToken, viewerUrl: string): string {
  const lines = [
    kept.created ? 'Read token (new, kept for the next starts):' : 'Read token (the same as last time):',
    '',
    `  ${kept.token}`,
    '',
    `Kept in ${kept.path} (only you can read it).`,
    `Sign in to the viewer with it: ${viewerUrl}`,
    'Delete the file to make a new one; WEBTRACE_READ_TOKENS overrides it.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return [rule, ...lines.map((l) => `| ${l.padEnd(width)} |`), rule].join('\n');
}
