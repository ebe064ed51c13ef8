import { describe, expect, it } from 'vitest';
import type { Action } from '../../lib/schema/action';
import { cutEpisodes } from '../../exporter/episodes/cut-episodes';
import { episodeFingerprint, shardOf } from '../../exporter/episodes/fingerprint';
import type { SessionAction } from '../../exporter/episodes/load-session';
import { urlTemplate } from '../../exporter/episodes/url-template';

const act = (t: number, url: string, over: Partial<Action> = {}): SessionAction => ({
  action: { type: 'click', t, url, target: null, ...over },
  index: t,
  site: new URL(url).origin,
  page: 0,
});

describe('urlTemplate', () => {
  it('turns scrubbed ids and values into placeholders, keeps routes and names', () => {
    expect(urlTemplate('https://a.test/spa?token=[withheld]')).toBe('https://a.test/spa?token=');
    expect(urlTemplate('https://a.test/orders/[id]/items?sort=[withheld]&page=[withheld]#/x/[id]')).toBe(
      'https://a.test/orders/{id}/items?page=&sort=#/x/{id}',
    );
    expect(urlTemplate('https://a.test/u/%5Bemail%3Al%5D/settings')).toBe('https://a.test/u/{email}/settings');
    expect(urlTemplate('http://127.0.0.1:8080/app/orders#pricing')).toBe('http://127.0.0.1:8080/app/orders');
    expect(urlTemplate('https://a.test/v1/123456/edit')).toBe('https://a.test/v1/{id}/edit');
  });
});

describe('cutEpisodes', () => {
  it('cuts at idle gaps longer than the limit and where the site changes', () => {
    const actions = [
      act(0, 'https://a.test/x'),
      act(1000, 'https://a.test/y'),
      act(1000 + 6 * 60_000, 'https://a.test/y'),
      act(1000 + 6 * 60_000 + 10, 'https://b.test/'),
      act(1000 + 6 * 60_000 + 20, 'https://b.test/z'),
    ];
    const episodes = cutEpisodes(actions);
    expect(episodes.map((e) => [e.site, e.actions.length])).toEqual([
      ['https://a.test', 2],
      ['https://a.test', 1],
      ['https://b.test', 2],
    ]);
    expect(cutEpisodes(actions, 10 * 60_000).map((e) => e.actions.length)).toEqual([3, 2]);
  });
});

describe('episodeFingerprint', () => {
  it('is the same for the same URL templates and actions at other times and node ids, different otherwise', () => {
    const target = (nodeId: number, name: string) => ({
      tag: 'button',
      role: 'button',
      name,
      nodeId,
      bbox: null,
      ancestors: [],
      selectors: [],
    });
    const one = cutEpisodes([act(0, 'https://a.test/o/[id]', { target: target(5, 'Save') })])[0]!;
    const same = cutEpisodes([act(777, 'https://a.test/o/123456', { target: target(9, 'Save') })])[0]!;
    const other = cutEpisodes([act(0, 'https://a.test/o/[id]', { target: target(5, 'Cancel') })])[0]!;
    expect(episodeFingerprint(same)).toBe(episodeFingerprint(one));
    expect(episodeFingerprint(other)).not.toBe(episodeFingerprint(one));
  });

  it('spreads fingerprints over shards', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 300; i++) counts[shardOf(`fp${i}`, 3)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(shardOf('anything', 1)).toBe(0);
  });
});
