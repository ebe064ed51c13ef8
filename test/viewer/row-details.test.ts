// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { SessionCompleteness } from '../../lib/schema/read-api';
import type { SessionOutline } from '../../lib/schema/session-outline';
import { DETAIL_CONCURRENCY, fillRowDetails, type RowSlots } from '../../server/viewer/web/list/row-details';
import { LIVE_WITHIN_MS, sessionState } from '../../server/viewer/web/list/session-state';
import { makeSummaries } from './fake-read-client';

const NOW = Date.UTC(2025, 10, 2);
const done = (id: string): SessionCompleteness => ({ id, complete: true, pages: [], gaps: [], openPages: [] });
const open = (id: string): SessionCompleteness => ({ id, complete: false, pages: [], gaps: [], openPages: [0] });
const gappy = (id: string): SessionCompleteness => ({
  id,
  complete: false,
  pages: [],
  gaps: [{ page: 0, fromSeq: 1, toSeq: 2, reason: null }],
  openPages: [],
});

describe("a session's badge", () => {
  it('is live while an open page keeps receiving events, incomplete once quiet or with chunks missing', () => {
    expect(sessionState(done('a'), NOW - 10 * LIVE_WITHIN_MS, NOW)).toBe('complete');
    expect(sessionState(open('a'), NOW - 1000, NOW)).toBe('live');
    expect(sessionState(open('a'), NOW - LIVE_WITHIN_MS - 1, NOW)).toBe('incomplete');
    expect(sessionState(gappy('a'), NOW, NOW)).toBe('incomplete');
  });
});

describe('filling in the rows of a page of the list', () => {
  it('asks for at most a few sessions at once and shows titles, pages, activity and the badge', async () => {
    const sessions = makeSummaries(30, ['https://a.example']).map((s, i) => ({ ...s, endedAt: i === 1 ? NOW - 1000 : s.endedAt }));
    let inFlight = 0;
    let most = 0;
    const slow = async <T>(value: T): Promise<T> => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return value;
    };
    const client = {
      outline: (id: string): Promise<SessionOutline> =>
        slow({
          id,
          pages: [
            { page: 0, url: null, title: 'Orders' },
            { page: 1, url: null, title: 'New order' },
          ],
          activity: [3, ...new Array<number>(23).fill(0)],
        }),
      completeness: (id: string) => slow(id === sessions[1]!.id ? open(id) : id === sessions[2]!.id ? gappy(id) : done(id)),
    };
    const rows = sessions.map((session) => ({
      session,
      slots: {
        pages: document.createElement('span'),
        activity: document.createElement('span'),
        state: document.createElement('span'),
      } satisfies RowSlots,
    }));
    await fillRowDetails(client, rows, { signal: new AbortController().signal, now: () => NOW, onUnauthorized: () => {} });

    // Two requests per session (outline and completeness), DETAIL_CONCURRENCY sessions at a time.
    expect(most).toBeLessThanOrEqual(2 * DETAIL_CONCURRENCY);
    expect(most).toBeGreaterThan(2);
    expect(rows[0]!.slots.pages.textContent).toBe('Orders \u2192 New order2 pages visited');
    expect(rows[0]!.slots.activity.querySelector('[role=img]')!.getAttribute('aria-label')).toBe(
      'Activity: 3 actions; busiest in part 1 of 24 of the session.',
    );
    // An SVG of 24 stretches; only the one with actions draws a bar.
    expect(rows[0]!.slots.activity.querySelector('svg')!.getAttribute('data-buckets')).toBe('24');
    expect(rows[0]!.slots.activity.querySelectorAll('rect.bar')).toHaveLength(1);
    expect(rows.slice(0, 3).map((r) => r.slots.state.querySelector('.badge')!.textContent)).toEqual(['Complete', 'Live', 'Incomplete']);
    expect(rows[2]!.slots.state.textContent).toContain('1 stretch of chunks missing.');
  });

  it('takes titles, pages and activity from the summary when it has them, asking only for completeness', async () => {
    const activity = [1, 0, 4, ...new Array<number>(21).fill(0)];
    const session = { ...makeSummaries(1, ['https://a.example'])[0]!, titles: ['Inbox', 'Compose'], pages: 3, activity };
    const asked: string[] = [];
    const client = {
      outline: (id: string): Promise<SessionOutline> => {
        asked.push(`outline ${id}`);
        return Promise.reject(new Error('not wanted'));
      },
      completeness: (id: string) => (asked.push('completeness'), Promise.resolve(done(id))),
    };
    const slots: RowSlots = {
      pages: document.createElement('span'),
      activity: document.createElement('span'),
      state: document.createElement('span'),
    };
    await fillRowDetails(client, [{ session, slots }], { signal: new AbortController().signal, now: () => NOW, onUnauthorized: () => {} });
    expect(asked).toEqual(['completeness']);
    expect(slots.pages.textContent).toBe('Inbox \u2192 Compose3 pages visited');
    const bars = [...slots.activity.querySelectorAll('rect.bar')];
    expect(bars.map((b) => b.getAttribute('data-count'))).toEqual(['1', '4']);
    // The busier stretch is the taller bar; the words say the same for screen readers.
    expect(Number(bars[1]!.getAttribute('height'))).toBeGreaterThan(Number(bars[0]!.getAttribute('height')));
    expect(slots.activity.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Activity: 5 actions; busiest in part 3 of 24 of the session.',
    );
    expect(slots.activity.querySelector('svg title')!.textContent).toBe('5 actions; busiest in part 3 of 24 of the session.');
  });

  it("judges a tab run's row by all its sessions, one request after another, and never asks for an outline", async () => {
    const [a, b, c] = makeSummaries(3, ['https://a.example', 'https://b.example']);
    const parts = [a!, b!, c!].map(({ id, site, url, startedAt, endedAt, titles, pages }) => ({
      id,
      site,
      url,
      startedAt,
      endedAt,
      titles,
      pages,
    }));
    const row = { ...a!, endedAt: NOW - 10 * LIVE_WITHIN_MS, activity: [], parts };
    const asked: string[] = [];
    let inFlight = 0;
    const badge = async (answers: Record<string, SessionCompleteness>) => {
      const slots: RowSlots = {
        pages: document.createElement('span'),
        activity: document.createElement('span'),
        state: document.createElement('span'),
      };
      const client = {
        outline: (id: string): Promise<SessionOutline> => (asked.push(`outline ${id}`), Promise.reject(new Error('not wanted'))),
        completeness: async (id: string) => {
          asked.push(id);
          expect(++inFlight).toBe(1);
          await Promise.resolve();
          inFlight--;
          return answers[id]!;
        },
      };
      await fillRowDetails(client, [{ session: row, slots }], {
        signal: new AbortController().signal,
        now: () => NOW,
        onUnauthorized: () => {},
      });
      return slots.state;
    };
    const allDone = await badge({ [a!.id]: done(a!.id), [b!.id]: done(b!.id), [c!.id]: done(c!.id) });
    expect(allDone.querySelector('.badge')!.textContent).toBe('Complete');
    expect(asked).toEqual([a!.id, b!.id, c!.id]);
    const oneGap = await badge({ [a!.id]: done(a!.id), [b!.id]: gappy(b!.id), [c!.id]: open(c!.id) });
    expect(oneGap.querySelector('.badge')!.textContent).toBe('Incomplete');
    expect(oneGap.textContent).toContain('1 stretch of chunks missing; 1 page never ended.');
    expect(asked.filter((q) => q.startsWith('outline'))).toEqual([]);
  });
});
