import { createHash } from 'node:crypto';
import type { ShotTrigger, StoredShot } from '../../lib/schema/screenshot';
import type { StoredShotRecord } from '../../server/store/shot-record';

/** A stored shot's listing entry (a 1000x500 CSS viewport stored 640 px wide). */
export const SHOT_SESSION = '6a1f0c52-2f1e-4a53-9b4e-0c1d2e3f4a5b';
export function storedShot(takenAt: number, over: Partial<StoredShot> = {}): StoredShot {
  return {
    sessionId: SHOT_SESSION,
    page: 0,
    takenAt,
    extensionVersion: '1.0.0',
    site: 'https://app.example.test',
    url: 'https://app.example.test/orders',
    trigger: 'periodic',
    requestedAt: takenAt - 40,
    viewport: { width: 1000, height: 500 },
    scroll: { x: 0, y: 0 },
    image: { width: 640, height: 320, mime: 'image/webp', bytes: 12 },
    scale: 0.64,
    redactedRegions: 0,
    sha256: '0'.repeat(64),
    storedAt: takenAt + 1000,
    ...over,
  };
}

/** A WebP container: a VP8L chunk (not decodable; nothing here decodes pixels) and the given chunks. */
export function webp(...chunks: Array<[string, Uint8Array]>): Uint8Array {
  const chunk = (fourcc: string, data: Uint8Array): Buffer => {
    const head = Buffer.alloc(8);
    head.write(fourcc, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, Buffer.from(data), Buffer.alloc(data.length % 2)]);
  };
  const body = Buffer.concat([
    Buffer.from('WEBP'),
    chunk('VP8L', new Uint8Array([0x2f, 0, 0, 0, 0])),
    ...chunks.map(([t, d]) => chunk(t, d)),
  ]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return new Uint8Array(Buffer.concat([head, body]));
}

/** A shot as the store keeps it: a page 1280 CSS px wide stored 640 px wide (0.5 image px per CSS px, whatever the DPR). */
export function shotRecord(o: {
  sessionId: string;
  installId: string;
  site: string;
  takenAt: number;
  trigger: ShotTrigger;
  image: Uint8Array;
}): StoredShotRecord {
  return {
    sessionId: o.sessionId,
    page: 0,
    takenAt: o.takenAt,
    installId: o.installId,
    orgId: null,
    extensionVersion: '1.0.0',
    site: o.site,
    url: `${o.site}/app/orders/[id]`,
    trigger: o.trigger,
    requestedAt: o.takenAt - 30,
    viewport: { width: 1280, height: 800 },
    scroll: { x: 0, y: 0 },
    image: { width: 640, height: 400, mime: 'image/webp', bytes: o.image.length },
    scale: 0.5,
    redactedRegions: 3,
    sha256: createHash('sha256').update(o.image).digest('hex'),
    storedAt: o.takenAt + 5000,
  };
}
