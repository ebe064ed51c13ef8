import { describe, expect, it, vi } from 'vitest';
import type { StoredShotRecord } from '../../../lib/queue/shot-records';
import type { ShotRegionsReport } from '../../../lib/schema/shot-regions';
import type { WorkerToRecorder } from '../../../lib/schema/recorder-port';
import type { LiveRecorder } from '../../../lib/worker/recorder-ports';
import { createShooter } from '../../../lib/worker/screenshots/shooter';

const image = vi.hoisted(() => ({ bytes: 1 }));
// Redaction needs OffscreenCanvas (a browser); its own tests are the pixel canary suite.
vi.mock('../../../lib/worker/screenshots/redact-image', () => ({
  redactImage: async () => ({
    blob: new Blob([new Uint8Array(image.bytes)]),
    width: 800,
    height: 600,
    scale: 1,
    rects: 0,
    ms: { decode: 0, redact: 0, encode: 0 },
  }),
}));

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const SESSION = { sessionId: '00000000-0000-4000-8000-000000000001', page: 0 };

/** A shooter on a manual clock, with a fake page: its epoch and what its reports say are the test's to set. */
function harness({ maxMegabytesPerHour = 100_000 } = {}) {
  let now = 100_000;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const page = { epoch: 1, changedAfterCapture: false };
  const requests: Array<{ arm: boolean; release?: boolean }> = [];
  const stored: StoredShotRecord[] = [];
  const skipped: string[] = [];
  const overBudget: string[] = [];
  const drops: string[] = [];
  let captures = 0;
  let reportSeq = 0;
  const live: LiveRecorder = {
    tabId: 1,
    url: 'https://app.example/',
    recording: true,
    shots: true,
    session: SESSION,
    send(msg: WorkerToRecorder) {
      if (msg.kind !== 'shot-regions-request') return;
      requests.push({ arm: msg.arm, release: msg.release });
      if (msg.release) return;
      const report: ShotRegionsReport = {
        requestId: msg.requestId,
        seq: reportSeq++,
        refused: null,
        viewport: { width: 800, height: 600 },
        scroll: { x: 0, y: 0 },
        changed: !msg.arm && page.changedAfterCapture,
        epoch: page.epoch,
        regions: [],
        indicator: 'absent',
      };
      queueMicrotask(() => shooter.onMessage(live, { kind: 'shot-regions', report }));
    },
  };
  const shooter = createShooter({
    recorders: { all: () => [live] } as never,
    tabs: {
      focusedActiveTab: async () => ({ tabId: 1, windowId: 1 }),
      capture: async () => {
        captures++;
        return PNG;
      },
    },
    config: () =>
      ({
        orgId: 'org',
        screenshots: {
          sites: ['https://app.example/*'],
          periodicSeconds: 10,
          perAction: true,
          maxWidth: 1280,
          quality: 0.6,
          maxMegabytesPerHour,
        },
      }) as never,
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => void timers.splice(timers.indexOf(h as (typeof timers)[number]) >>> 0, 1),
    identity: async () => ({ installId: 'install', extensionVersion: '1.0.0' }),
    storageOk: async () => true,
    store: async (record) => void stored.push(record),
    discarded: ({ code }) => void drops.push(code),
    skipped: ({ trigger, reason }) => void (reason === 'budget' ? overBudget : skipped).push(trigger),
    log: () => {},
  });
  /** Moves the clock on, running due timers and letting each shot finish (its data URL is fetched for real). */
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = Math.max(now, next.at);
      next.fn();
    }
    now = until;
    await new Promise((r) => setTimeout(r, 5));
  };
  const act = () => shooter.onMessage(live, { kind: 'shot-trigger', trigger: 'before-action', at: now, epoch: page.epoch });
  const triggers = () => stored.map((s) => s.meta.trigger);
  return { shooter, page, requests, stored, skipped, overBudget, drops, act, advance, triggers, captures: () => captures };
}

describe('the shooter skips shots that would show nothing new', () => {
  it('no before- or after-action shot for an action on an unchanged page just shot, and the indicator is released', async () => {
    const h = harness();
    h.shooter.start();
    await h.advance(1_000); // the page's first shot (periodic)
    expect(h.triggers()).toEqual(['periodic']);
    await h.advance(600);
    h.act();
    await h.advance(1_000);
    expect(h.captures()).toBe(1);
    expect(h.skipped).toEqual(['before-action', 'after-action']);
    expect(h.requests.filter((r) => r.release)).toHaveLength(1);
    expect(h.drops).toEqual([]);
  });

  it('shoots as before once the page changed', async () => {
    const h = harness();
    h.shooter.start();
    await h.advance(1_000);
    await h.advance(600);
    h.page.epoch += 1;
    h.act();
    await h.advance(100);
    h.page.epoch += 1; // the action's outcome
    await h.advance(1_000);
    expect(h.triggers()).toEqual(['periodic', 'before-action', 'after-action']);
    expect(h.skipped).toEqual([]);
  });

  it('does not retry a discarded before-action shot (it would show the outcome): the after-action shot follows', async () => {
    const h = harness();
    h.shooter.start();
    await h.advance(1_000);
    await h.advance(600);
    h.page.epoch += 1;
    h.page.changedAfterCapture = true;
    h.act();
    await h.advance(50);
    h.page.changedAfterCapture = false;
    h.page.epoch += 1;
    await h.advance(2_000);
    expect(h.drops).toEqual(['regions-changed']);
    expect(h.triggers()).toEqual(['periodic', 'after-action']);
    expect(h.captures()).toBe(3);
  });
});

describe('the shooter keeps to the byte budget (screenshots.maxMegabytesPerHour)', () => {
  it('skips what the budget cannot pay for, counted apart from drops and from unchanged skips, periodic shots first', async () => {
    image.bytes = 26_000;
    try {
      const h = harness({ maxMegabytesPerHour: 15 });
      h.shooter.start();
      // A person's pace: an action every 3 s for two minutes, each changing the page.
      for (let i = 0; i < 40; i++) {
        h.page.epoch += 1;
        h.act();
        await h.advance(200);
        h.page.epoch += 1;
        await h.advance(2_800);
      }
      const bytes = h.stored.reduce((n, r) => n + r.image.byteLength, 0);
      // 15 MB an hour is 500 KB in two minutes.
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(15e6 / 30);
      expect(h.overBudget.length).toBeGreaterThan(40);
      expect(h.triggers()).not.toContain('periodic');
      expect(h.triggers().filter((t) => t === 'before-action').length).toBeGreaterThan(
        h.triggers().filter((t) => t === 'after-action').length,
      );
      expect(h.drops).toEqual([]);
      expect(h.skipped).toEqual([]);
      // Judged before the page is asked: no report, and no capture, for a shot over the budget.
      expect(h.captures()).toBe(h.stored.length);
      expect(h.requests.filter((r) => r.arm)).toHaveLength(h.stored.length);
    } finally {
      image.bytes = 1;
    }
  });
});
