import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredShot } from '../../lib/schema/screenshot';
import type { Store } from '../../server/store/store';
import { stepCaptures } from '../../exporter/shots/step-captures';
import { StoreReader, type InputProblem } from '../../exporter/store/store-reader';
import type { SessionAction } from '../../exporter/episodes/load-session';
import { SHOT_SESSION, storedShot, webp } from '../support/shot-fixtures';

/** A store that holds only shots: a listing and images by takenAt. */
function shotStore(listing: unknown[], images: Map<number, Uint8Array>): Store {
  return {
    listShots: async () => listing,
    readShotImage: async (key: { takenAt: number }) => images.get(key.takenAt) ?? null,
  } as unknown as Store;
}
const listed = (takenAt: number, image: Uint8Array): StoredShot =>
  storedShot(takenAt, { image: { width: 640, height: 320, mime: 'image/webp', bytes: image.length }, sha256: sha(image) });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe("the store reader's shots", () => {
  const good = webp();
  const other = webp(['VP8L', new Uint8Array([9, 9])]);

  it('lists parsed shots oldest first and names an entry that does not parse', async () => {
    const reader = new StoreReader(shotStore([listed(2000, good), { takenAt: 'soon' }, listed(1000, good)], new Map()));
    const { shots, problems } = await reader.listShots(SHOT_SESSION);
    expect(shots.map((s) => s.takenAt)).toEqual([1000, 2000]);
    expect(problems).toEqual([{ what: 'session', name: `sessions/${SHOT_SESSION}/shots entry 1`, reason: expect.any(String) }]);
  });

  it('reads an image only when it is the WebP its listing describes', async () => {
    const images = new Map([
      [1000, good],
      [2000, other], // listed with another image's size and sha256
      [3000, new TextEncoder().encode('not an image')],
    ]);
    const reader = new StoreReader(shotStore([], images));
    expect(await reader.readShot(listed(1000, good))).toEqual({ ok: true, bytes: good });
    const reasons = await Promise.all(
      [listed(2000, good), listed(3000, good), listed(4000, good)].map(async (s) => {
        const r = await reader.readShot(s);
        return r.ok ? null : [r.problem.name.replace(/^.*\/shots\//, ''), r.problem.reason];
      }),
    );
    expect(reasons).toEqual([
      ['0/2000', 'shot image differs from its listing (size or sha256)'],
      ['0/3000', 'shot image is not a WebP'],
      ['0/4000', 'shot image missing'],
    ]);
  });

  it('leaves a step whose chosen shot cannot be read to the rendering, and names the shot', async () => {
    const reader = new StoreReader(shotStore([], new Map()));
    const problems: InputProblem[] = [];
    const action = (t: number): SessionAction => ({
      action: { type: 'click', t, url: 'https://a.test/', target: null },
      index: 0,
      site: 'https://a.test',
      page: 0,
    });
    const moments = [5000, 5100].map((at) => ({
      at,
      viewport: { width: 1000, height: 500 },
      recorded: null,
      afterLoad: false,
      title: null,
    }));
    const captures = await stepCaptures([action(5000), action(5100)], moments, { shots: [listed(4900, good)], reader, problems });
    expect(captures).toEqual([null, null]);
    expect(problems.map((p) => p.reason)).toEqual(['shot image missing']);
  });
});
