import { describe, expect, it } from 'vitest';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import type { SessionAction } from '../../exporter/episodes/load-session';
import { buildStep } from '../../exporter/steps/build-step';
import { stepMoments } from '../../exporter/steps/step-timeline';
import { snapshotEvent } from '../server/fixtures';

/** A step's page title from the recording: the snapshot's <title>, then what mutations did to it. */
const meta = (t: number): RrwebEvent => ({ type: 4, timestamp: t, data: { href: 'x', width: 800, height: 600 } });
const title = (id: number, text: string) => ({
  type: 2,
  tagName: 'title',
  id,
  attributes: {},
  childNodes: [{ type: 3, id: id + 1, textContent: text }],
});
const mutation = (t: number, m: object): RrwebEvent => ({
  type: 3,
  timestamp: t,
  data: { source: 0, texts: [], adds: [], removes: [], ...m },
});
const custom = (t: number): RrwebEvent => ({ type: 5, timestamp: t, data: { tag: 'webtrace.action' } });

describe('the recorded page title', () => {
  it("follows the snapshot's <title>, its replaced and edited text, a page without one and a title added later", () => {
    const events: RrwebEvent[] = [
      meta(0),
      snapshotEvent('Orders', 0), // <title> 4 in <head> 3, its text 5
      custom(100),
      // document.title = ... replaces the text node.
      mutation(150, {
        removes: [{ parentId: 4, id: 5 }],
        adds: [{ parentId: 4, nextId: null, node: { type: 3, id: 40, textContent: 'Order EX-1003' } }],
      }),
      custom(200),
      mutation(250, {
        texts: [
          { id: 40, value: 'Order EX-1004' },
          { id: 99, value: 'not the title' },
        ],
      }),
      custom(300),
      meta(400),
      snapshotEvent(null, 400),
      custom(500),
      mutation(550, { adds: [{ parentId: 3, nextId: null, node: title(50, 'Late') }] }),
      custom(600),
    ];
    const actions: SessionAction[] = [2, 4, 6, 9, 11].map((index) => ({
      action: { type: 'click', t: events[index]!.timestamp, url: 'x', target: null },
      index,
      site: 'x',
      page: index > 6 ? 1 : 0,
    }));
    expect(stepMoments(events, actions).map((m) => m.title)).toEqual(['Orders', 'Order EX-1003', 'Order EX-1004', null, 'Late']);
  });

  it("is the step's page_title when nothing was rendered", () => {
    const step = buildStep({
      episodeId: 'ep_1',
      stepIndex: 0,
      tMs: 0,
      site: 'https://app.example.test',
      action: { type: 'click', t: 100, url: 'https://app.example.test/', target: null },
      moment: { at: 100, viewport: { width: 800, height: 600 }, recorded: null, afterLoad: false, title: 'Orders' },
      observed: null,
      capture: null,
      screenshotPath: 'screenshots/ep_1/0000.png',
      domPath: 'dom/ep_1/0000.html.gz',
      likelyEffect: false,
    });
    expect(step.page_title).toBe('Orders');
  });
});
