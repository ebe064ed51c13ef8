import { describe, expect, it } from 'vitest';
import { EMPTY_PLACEHOLDER, IMAGE_PLACEHOLDER, isOutside, withAssetPlaceholders } from '../../server/viewer/web/session/asset-placeholders';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';

const OWN = 'http://viewer.local:8787';
const EXT = 'http://intranet.corp:8080';

describe('withAssetPlaceholders', () => {
  it('replaces every outside image, style, font and media reference in a snapshot, and keeps the rest', () => {
    const node = {
      type: 0,
      id: 1,
      childNodes: [
        {
          type: 2,
          id: 2,
          tagName: 'html',
          attributes: {},
          childNodes: [
            { type: 2, id: 3, tagName: 'link', attributes: { rel: 'stylesheet', href: `${EXT}/a.css` }, childNodes: [] },
            {
              type: 2,
              id: 4,
              tagName: 'style',
              attributes: {},
              childNodes: [
                {
                  type: 3,
                  id: 5,
                  textContent: `@import "${EXT}/b.css"; h1{background:url(${EXT}/bg.png)} p{background:url(data:image/png;base64,AA)}`,
                  isStyle: true,
                },
              ],
            },
            {
              type: 2,
              id: 6,
              tagName: 'img',
              attributes: { src: `${EXT}/logo.png`, srcset: `${EXT}/a.png 1x, ${EXT}/b.png 2x`, alt: 'Logo' },
              childNodes: [],
            },
            { type: 2, id: 7, tagName: 'video', attributes: { poster: `//cdn.corp/p.png`, src: 'blob:abc' }, childNodes: [] },
            { type: 2, id: 8, tagName: 'div', attributes: { style: `background-image: url('${EXT}/x.png')` }, childNodes: [] },
            { type: 2, id: 9, tagName: 'a', attributes: { href: `${EXT}/page` }, childNodes: [] },
            { type: 2, id: 10, tagName: 'img', attributes: { src: `${OWN}/ok.png` }, childNodes: [] },
          ],
        },
      ],
    };
    const event: RrwebEvent = { type: 2, timestamp: 1, data: { node, initialOffset: { top: 0, left: 0 } } };
    const out = JSON.stringify(withAssetPlaceholders(event, OWN));
    // Only the link stays: nothing loads it unless it is clicked, and the replay takes no clicks.
    expect(out.match(/intranet\.corp[^"]*/g)).toEqual(['intranet.corp:8080/page']);
    expect(out).not.toContain('cdn.corp');
    expect(out).toContain(`"href":"${EMPTY_PLACEHOLDER}"`);
    expect(out).toContain(JSON.stringify(IMAGE_PLACEHOLDER).slice(1, -1));
    expect(out).toContain('blob:abc');
    expect(out).toContain('data:image/png;base64,AA');
    expect(out).toContain(`${OWN}/ok.png`);
    expect(JSON.stringify(event)).toContain('intranet.corp'); // the input is left as it was
  });

  it('replaces them in added nodes, changed attributes, style diffs and stylesheet rules', () => {
    const mutation: RrwebEvent = {
      type: 3,
      timestamp: 1,
      data: {
        source: 0,
        texts: [],
        removes: [],
        attributes: [{ id: 3, attributes: { src: `${EXT}/new.png`, style: { background: `url(${EXT}/s.png)` } } }],
        adds: [
          {
            parentId: 2,
            nextId: null,
            node: { type: 2, id: 11, tagName: 'img', attributes: { src: `https://tracker.example/p.gif` }, childNodes: [] },
          },
        ],
      },
    };
    const rule: RrwebEvent = { type: 3, timestamp: 1, data: { source: 8, id: 4, adds: [{ rule: `@font-face{src:url(${EXT}/f.woff2)}` }] } };
    for (const event of [mutation, rule])
      expect(JSON.stringify(withAssetPlaceholders(event, OWN))).not.toMatch(/intranet\.corp|tracker\.example/);
  });

  it('knows what is outside', () => {
    expect(isOutside(`${EXT}/x`, OWN)).toBe(true);
    expect(isOutside('//cdn.example/x', OWN)).toBe(true);
    expect(isOutside(`${OWN}/x`, OWN)).toBe(false);
    expect(isOutside('/relative.png', OWN)).toBe(false);
    expect(isOutside('data:,', OWN)).toBe(false);
    expect(isOutside('blob:x', OWN)).toBe(false);
    expect(isOutside('javascript:alert(1)', OWN)).toBe(true);
  });
});
