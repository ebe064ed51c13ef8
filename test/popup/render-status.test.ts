// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatBytes, renderStatus } from '../../lib/popup/render-status';
import { COUNTER_NAMES } from '../../lib/schema/queue-stats';
import type { Status } from '../../lib/schema/extension-messages';

const popupHtml = readFileSync(path.resolve(__dirname, '../../entrypoints/popup/index.html'), 'utf8');
const counters = Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as Status['queue']['counters'];
const status = (over: Partial<Status> = {}): Status => ({
  capture: { allowed: true, reason: null },
  config: { source: 'default', error: null, endpoint: 'http://127.0.0.1:8787' },
  queue: {
    pendingChunks: 3,
    pendingBytes: 2048,
    setAsideBatches: 1,
    counters: { ...counters, batchesUploaded: 7, chunksRejectedInvalid: 2 },
    lastUploadAt: 1_000_000 - 30_000,
    lastError: null,
    lastErrorAt: null,
  },
  ...over,
});
const text = (id: string) => document.getElementById(id)!.textContent;

beforeEach(() => {
  // Only the markup: the page's script and stylesheet are not loaded here.
  document.body.innerHTML = /<main>[\s\S]*<\/main>/.exec(popupHtml)![0];
});

describe('renderStatus', () => {
  it('shows what is recorded, queued, uploaded and set aside', () => {
    renderStatus(document, status(), new Date(1_000_000));
    expect(text('capture')).toBe('Recording this site.');
    expect(text('pending')).toBe('3 chunks (2.0 KB)');
    expect(text('uploaded')).toBe('7');
    expect(text('last-upload')).toBe('30 s ago');
    expect(text('set-aside')).toBe('1 batches');
    expect(text('invalid')).toBe('2');
    expect(document.getElementById('error')!.hidden).toBe(true);
  });

  it('says why a tab is not recorded and surfaces configuration and upload problems', () => {
    renderStatus(
      document,
      status({
        capture: { allowed: false, reason: 'site not enabled for capture' },
        config: { source: 'default', error: 'local configuration ignored: endpoint: Invalid URL', endpoint: 'http://127.0.0.1:8787' },
        queue: { ...status().queue, lastUploadAt: null, lastError: 'HTTP 503' },
      }),
      new Date(1_000_000),
    );
    expect(text('capture')).toBe('Not recording: site not enabled for capture.');
    expect(text('last-upload')).toBe('never');
    const error = document.getElementById('error')!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toContain('endpoint: Invalid URL');
    expect(error.textContent).toContain('HTTP 503');
  });

  it('formats sizes', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '3.0 MB']);
  });
});
