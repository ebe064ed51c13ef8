// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMyData } from '../../lib/ui/render-my-data';
import type { LocalSessionsAnswer } from '../../lib/schema/extension-messages';
import { COUNTER_NAMES } from '../../lib/schema/queue-stats';

const html = readFileSync(path.resolve(__dirname, '../../entrypoints/my-data/index.html'), 'utf8');
const counters = Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as LocalSessionsAnswer['queue']['counters'];
const answer = (queue: Partial<LocalSessionsAnswer['queue']>): LocalSessionsAnswer => ({
  sessions: [],
  rejected: [],
  queue: {
    pendingChunks: 0,
    pendingBytes: 0,
    setAsideBatches: 0,
    counters,
    lastUploadAt: null,
    lastError: null,
    lastErrorAt: null,
    ...queue,
  },
});

describe('renderMyData: what was lost before upload', () => {
  it('says nothing was lost, or how much and whether the server knows, and when storage is full', () => {
    document.body.innerHTML = /<main>[\s\S]*<\/main>/.exec(html)![0];
    renderMyData(document, answer({}), () => {});
    expect(document.getElementById('dropped')!.textContent).toBe('Nothing was lost before upload.');
    renderMyData(
      document,
      answer({ counters: { ...counters, chunksDropped: 3 }, dropReportsPending: 0, storageFull: true, capBytes: 10 }),
      () => {},
    );
    expect(document.getElementById('dropped')!.textContent).toBe(
      'Parts lost before upload: 3 dropped (reported to the server). Storage for recordings on this computer is full: new recordings wait until these are uploaded.',
    );
  });
});
