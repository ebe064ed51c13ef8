// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { UploadsAnswer } from '../../lib/schema/extension-messages';
import { wireEraseUploads } from '../../lib/ui/render-erasure';
import { describeGroup, renderUploads, wireCopyInstallId } from '../../lib/ui/render-uploads';

const html = readFileSync(path.resolve(__dirname, '../../entrypoints/my-data/index.html'), 'utf8');
const $ = (id: string) => document.getElementById(id)!;
const load = () => (document.body.innerHTML = /<main>[\s\S]*<\/main>/.exec(html)![0]);
const INSTALL = '33333333-3333-4333-8333-333333333333';
const at = (h: number, m: number) => new Date(2026, 10, 30, h, m).getTime();
const group = {
  site: 'https://crm.example.com',
  day: '2026-11-30',
  recordings: 3,
  firstAt: at(9, 14),
  lastAt: at(11, 2),
  bytes: 1_258_291,
  screenshots: 0,
};
const answer = (over: Partial<UploadsAnswer> = {}): UploadsAnswer => ({
  installId: INSTALL,
  server: 'https://ingest.example.com/',
  recordings: {
    installId: INSTALL,
    groups: [group, { ...group, site: 'http://localhost:5173', recordings: 1, screenshots: 2 }],
    totals: { recordings: 4, bytes: 2_516_582, screenshots: 2 },
  },
  erasedAt: null,
  detail: null,
  ...over,
});

describe('My data: uploaded to the server', () => {
  it('says a group in plain words', () => {
    expect(describeGroup(group)).toMatch(/^3 recordings, 1\.2 MB, 0?9[:.]14(\s?AM)?–11[:.]02(\s?AM)?$/);
    expect(describeGroup({ ...group, recordings: 1, screenshots: 1 })).toMatch(/^1 recording, .*, 1 screenshot$/);
  });

  it('lists per day and site, names the server and shows the install id', () => {
    load();
    renderUploads(document, answer());
    expect($('server-name').textContent).toBe('ingest.example.com');
    expect($('uploaded-heading').textContent).toBe('Uploaded to ingest.example.com');
    expect($('install-id').textContent).toBe(INSTALL);
    expect($('uploads').hidden).toBe(false);
    const rows = [...document.querySelectorAll('#uploads tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toMatch(/30 Nov 2026|Nov 30, 2026/);
    expect(rows[0]![1]).toBe('crm.example.com');
    expect(rows[1]![1]).toBe('localhost:5173');
    expect(rows[1]![2]).toMatch(/^1 recording, .*, 2 screenshots$/);
    expect($('uploads-summary').textContent).toBe('The server holds 4 recordings with 2 screenshots (2.4 MB) from this computer.');
  });

  it('says when the server holds nothing, when it erased, and why it could not be asked', () => {
    load();
    renderUploads(
      document,
      answer({ recordings: { installId: INSTALL, groups: [], totals: { recordings: 0, bytes: 0, screenshots: 0 } } }),
    );
    expect($('uploads').hidden).toBe(true);
    expect($('uploads-summary').textContent).toBe('The server holds no recordings from this computer.');
    renderUploads(document, answer({ recordings: null, erasedAt: Date.UTC(2026, 10, 30, 9) }));
    expect($('uploads-summary').textContent).toMatch(/^The server holds nothing more from this identifier: .* deleted on .*2026/);
    expect($('uploads-summary').dataset.state).toBe('erased');
    renderUploads(document, answer({ recordings: null, detail: 'Could not be reached. Try again later.' }));
    expect($('uploads-summary').textContent).toBe('Could not be reached. Try again later.');
    expect($('install-id').textContent).toBe(INSTALL);
  });

  it('copies the install id and says so', async () => {
    load();
    renderUploads(document, answer());
    const writeText = vi.fn(async () => {});
    wireCopyInstallId(document, writeText);
    ($('copy-install-id') as HTMLButtonElement).click();
    await vi.waitFor(() => expect($('copy-result').textContent).toBe('Copied.'));
    expect(writeText).toHaveBeenCalledWith(INSTALL);
  });

  it('moves focus with the confirm step: to the question, back on cancel, to the feedback after', async () => {
    load();
    wireEraseUploads(
      document,
      async () => ({ ok: false, detail: 'Unreachable.', confirmation: null }),
      () => {},
    );
    ($('erase-uploads') as HTMLButtonElement).click();
    expect(document.activeElement).toBe($('erase-question'));
    ($('erase-cancel') as HTMLButtonElement).click();
    expect(document.activeElement).toBe($('erase-uploads'));
    ($('erase-uploads') as HTMLButtonElement).click();
    ($('erase-yes') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(document.activeElement).toBe($('erase-result')));
    expect($('erase-result').textContent).toBe('Unreachable.');
  });
});
