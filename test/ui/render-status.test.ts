// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../../lib/rules/format/format-quantities';
import { renderStatus } from '../../lib/ui/render-status';
import { COUNTER_NAMES } from '../../lib/schema/queue-stats';
import type { Status } from '../../lib/schema/extension-messages';

const popupHtml = readFileSync(path.resolve(__dirname, '../../entrypoints/popup/index.html'), 'utf8');
const counters = Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as Status['queue']['counters'];
const NOW = 1_000_000;
const status = (over: Partial<Status> = {}): Status => ({
  capture: { status: 'recording', reason: null, site: 'https://app.example.com' },
  consent: { required: 1, given: { version: 1, at: 1 }, notice: null, purpose: null },
  allowed: { siteChoice: true, pause: true },
  pause: null,
  stateError: null,
  config: { source: 'default', error: null, blocked: null, endpoint: 'http://127.0.0.1:8787', policyIssues: [] },
  queue: {
    pendingChunks: 3,
    pendingSessions: 2,
    pendingBytes: 2048,
    setAsideBatches: 1,
    counters: { ...counters, batchesUploaded: 7, chunksRejectedInvalid: 2 },
    lastUploadAt: NOW - 30_000,
    lastError: null,
    lastErrorAt: null,
  },
  ...over,
});
const el = (id: string) => document.getElementById(id)!;
const visible = (id: string) => !el(id).hidden;
const checkedPause = () => document.querySelector<HTMLInputElement>('input[name="pause"]:checked')?.value ?? null;

beforeEach(() => {
  // Only the markup: the page's script and stylesheet are not loaded here.
  document.body.innerHTML = /<main>[\s\S]*<\/main>/.exec(popupHtml)![0];
});

describe('renderStatus', () => {
  it('recording: site, switch on, pause offered, queue figures', () => {
    renderStatus(document, status(), new Date(NOW));
    expect(el('site').textContent).toBe('https://app.example.com');
    expect(el('capture').textContent).toBe('Recording.');
    expect([visible('site-switch'), (el('site-on') as HTMLInputElement).checked]).toEqual([true, true]);
    expect(visible('pause-controls')).toBe(true);
    expect(checkedPause()).toBe('none');
    expect(el('waiting').textContent).toBe('2 recordings waiting to upload (2.0 KB).');
    expect(el('last-upload-line').textContent).toBe('Last upload 30 s ago.');
    expect([visible('withdraw-link'), visible('managed')]).toEqual([true, false]);
    // The counters are there, under Details only.
    expect(el('pending').closest('details')).not.toBeNull();
    expect(el('pending').textContent).toBe('3 chunks (2.0 KB)');
    expect(el('uploaded').textContent).toBe('7');
    expect(el('last-upload').textContent).toBe('30 s ago');
    expect(el('set-aside').textContent).toBe('1 batches');
    expect(el('invalid').textContent).toBe('2');
    expect(visible('error')).toBe(false);
  });

  it('not consented: no switch, no pause, a link to the consent page', () => {
    renderStatus(
      document,
      status({
        capture: { status: 'not-consented', reason: 'x', site: 'https://a.example' },
        consent: { required: 1, given: null, notice: null, purpose: null },
      }),
      new Date(NOW),
    );
    expect(el('capture').textContent).toMatch(/not agreed/);
    expect([visible('consent-needed'), visible('site-switch'), visible('pause-controls'), visible('withdraw-link')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('after withdrawal: says when consent was withdrawn, not "not agreed yet"', () => {
    renderStatus(
      document,
      status({
        capture: { status: 'not-consented', reason: 'x', site: 'https://a.example' },
        consent: { required: 1, given: null, withdrawnAt: NOW - 5000, notice: null, purpose: null },
      }),
      new Date(NOW),
    );
    expect(el('capture').textContent).toMatch(/^Not recording: you withdrew your consent on .+\.$/);
    expect(el('capture').textContent).not.toMatch(/not agreed/);
  });

  it('not allowed by the organisation: says why and offers no switch', () => {
    renderStatus(
      document,
      status({
        capture: { status: 'not-allowed', reason: 'your organisation does not allow recording this site', site: 'https://mail.example' },
      }),
      new Date(NOW),
    );
    expect(el('capture').textContent).toBe('Not allowed by your organisation. (your organisation does not allow recording this site)');
    expect(visible('site-switch')).toBe(false);
    // Nothing to pause on a page that cannot be recorded...
    expect(visible('pause-controls')).toBe(false);
  });

  it('offers to end a pause from any page, a page that cannot be recorded included', () => {
    renderStatus(
      document,
      status({
        capture: { status: 'not-allowed', reason: 'not a web page', site: null },
        pause: { since: NOW - 1000, until: null },
      }),
      new Date(NOW),
    );
    expect(visible('pause-controls')).toBe(true);
    expect(checkedPause()).toBe('until-resumed');
  });

  it('paused: switch stays on, resume offered, end time shown', () => {
    renderStatus(
      document,
      status({
        capture: { status: 'paused', reason: 'recording is paused', site: 'https://a.example' },
        pause: { since: 0, until: NOW + 60_000 },
      }),
      new Date(NOW),
    );
    expect(el('capture').textContent).toBe('Paused.');
    expect((el('site-on') as HTMLInputElement).checked).toBe(true);
    expect(checkedPause()).toBe('15');
    expect(el('pause-state').textContent).toMatch(/^Paused until .* \(in 1 min\)\.$/);
    renderStatus(document, status({ pause: { since: NOW - 60_000, until: NOW + 59 * 60_000 } }), new Date(NOW));
    expect(checkedPause()).toBe('60');
    renderStatus(document, status({ pause: { since: 0, until: null } }), new Date(NOW));
    expect(el('pause-state').textContent).toBe('Paused until you resume.');
  });

  it('off: switch shown unchecked', () => {
    renderStatus(document, status({ capture: { status: 'off', reason: 'x', site: 'https://a.example' } }), new Date(NOW));
    expect([visible('site-switch'), (el('site-on') as HTMLInputElement).checked]).toEqual([true, false]);
  });

  it('surfaces damaged settings, configuration and upload problems', () => {
    renderStatus(
      document,
      status({
        stateError: 'your settings are damaged; choose again to repair them',
        config: {
          source: 'default',
          error: 'local configuration ignored: endpoint: Invalid URL',
          blocked: null,
          endpoint: 'http://127.0.0.1:8787',
          policyIssues: [],
        },
        queue: { ...status().queue, lastUploadAt: null, lastError: 'HTTP 503' },
      }),
      new Date(NOW),
    );
    expect(el('last-upload').textContent).toBe('never');
    expect(el('last-upload-line').textContent).toBe('Nothing uploaded yet.');
    expect(visible('error')).toBe(true);
    expect(el('error').textContent).toContain('damaged');
    expect(el('error').textContent).toContain('endpoint: Invalid URL');
    expect(el('error').textContent).toContain('Uploads are not getting through (HTTP 503). Your recordings stay on this computer');
  });

  it('forgets an upload problem once an upload got through after it', () => {
    const queue = { ...status().queue, lastError: 'HTTP 503', lastErrorAt: NOW - 60_000, lastUploadAt: NOW - 30_000 };
    renderStatus(document, status({ queue }), new Date(NOW));
    expect(visible('error')).toBe(false);
    renderStatus(document, status({ queue: { ...queue, lastErrorAt: NOW - 10_000 } }), new Date(NOW));
    expect(el('error').textContent).toMatch(/^Uploads are not getting through \(HTTP 503\)/);
  });

  it("a refusal no retry fixes says what to do instead of 'not getting through' (lib/ui/describe-refusal.ts)", () => {
    const lastError =
      'network error: enrolment refused: install_already_enrolled: install 3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69 already has a live credential';
    renderStatus(document, status({ queue: { ...status().queue, lastError, lastErrorAt: NOW - 1_000 } }), new Date(NOW));
    expect(visible('error')).toBe(true);
    expect(el('error').textContent).toContain(
      "Ask your admin to reset this install's credential (install id 3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69).",
    );
    expect(el('error').textContent).not.toContain('not getting through');
  });

  it('under a policy that decides sites and forbids pausing: no switch, no pause, and the source is named', () => {
    renderStatus(
      document,
      status({ allowed: { siteChoice: false, pause: false }, config: { ...status().config, source: 'policy' } }),
      new Date(NOW),
    );
    expect([visible('site-switch'), visible('pause-controls')]).toEqual([false, false]);
    expect(visible('managed')).toBe(true);
    expect(el('config').textContent).toBe("Sending to http://127.0.0.1:8787 (your organisation's policy).");
  });

  it('an unusable policy is shown as the reason nothing is recorded', () => {
    renderStatus(document, status({ config: { ...status().config, source: 'policy', blocked: 'invalid ingestEndpoint' } }), new Date(NOW));
    expect(el('error').textContent).toContain("your organisation's policy is unusable (invalid ingestEndpoint). Tell your IT team");
  });

  it('says plainly what waits to upload: nothing, one recording, or the size alone from an older worker', () => {
    const queue = status().queue;
    renderStatus(document, status({ queue: { ...queue, pendingChunks: 0, pendingSessions: 0, pendingBytes: 0 } }), new Date(NOW));
    expect(el('waiting').textContent).toBe('Nothing waiting to upload.');
    renderStatus(document, status({ queue: { ...queue, pendingSessions: 1 } }), new Date(NOW));
    expect(el('waiting').textContent).toBe('1 recording waiting to upload (2.0 KB).');
    const { pendingSessions: _omitted, ...older } = queue;
    renderStatus(document, status({ queue: older }), new Date(NOW));
    expect(el('waiting').textContent).toBe('Recordings waiting to upload: 2.0 KB.');
  });

  it('formats sizes', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '3.0 MB']);
  });

  it('counts what was lost before upload and says when storage is full', () => {
    renderStatus(document, status(), new Date(NOW));
    expect(el('dropped').textContent).toBe('none');
    const queue = {
      ...status().queue,
      counters: { ...counters, chunksDropped: 4, chunksExpired: 2 },
      dropReportsPending: 1,
      capBytes: 2048,
      storageFull: true,
    };
    renderStatus(document, status({ queue }), new Date(NOW));
    expect(el('dropped').textContent).toBe('4 dropped, 2 expired (the server is told with the next upload)');
    expect(el('error').textContent).toMatch(/Storage for recordings on this computer is full/);
    renderStatus(document, status({ queue: { ...queue, dropReportsPending: 0, storageFull: false } }), new Date(NOW));
    expect(el('dropped').textContent).toBe('4 dropped, 2 expired (reported to the server)');
    expect(visible('error')).toBe(false);
  });

  it('says when parts of pages were nested too deep to record', () => {
    const queue = { ...status().queue, counters: { ...counters, nodesCutTooDeep: 1 } };
    renderStatus(document, status({ queue }), new Date(NOW));
    expect(el('dropped').textContent).toBe('1 part of pages nested too deep, kept as placeholders');
    renderStatus(document, status({ queue: { ...queue, counters: { ...counters, nodesCutTooDeep: 3, chunksDropped: 1 } } }), new Date(NOW));
    expect(el('dropped').textContent).toBe('1 dropped (reported to the server); 3 parts of pages nested too deep, kept as placeholders');
  });
});
