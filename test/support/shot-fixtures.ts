import type { StoredShot } from '../../lib/schema/screenshot';

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
