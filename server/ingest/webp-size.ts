/**
 * The canvas size a WebP file declares, read from its RIFF header (the
 * container spec: RIFF <size> WEBP, then a VP8, VP8L or VP8X chunk), or the
 * reason it is not a WebP file. Nothing is decoded: the pixels are the
 * client's redacted image, stored as sent.
 */
export type WebpSize = { ok: true; width: number; height: number; format: 'VP8' | 'VP8L' | 'VP8X' } | { ok: false; reason: string };

const ascii = (bytes: Buffer, at: number, length: number): string => bytes.toString('latin1', at, at + length);
const uint24 = (bytes: Buffer, at: number): number => bytes.readUIntLE(at, 3);

export function webpSize(bytes: Buffer): WebpSize {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') {
    return { ok: false, reason: 'the body does not start with the RIFF/WEBP signature' };
  }
  const riffSize = bytes.readUInt32LE(4);
  if (riffSize + 8 !== bytes.length)
    return { ok: false, reason: `the RIFF header says ${riffSize + 8} bytes, the body has ${bytes.length}` };
  const fourcc = ascii(bytes, 12, 4);
  const data = 20;
  if (fourcc === 'VP8X') return { ok: true, format: 'VP8X', width: uint24(bytes, data + 4) + 1, height: uint24(bytes, data + 7) + 1 };
  if (fourcc === 'VP8L') {
    if (bytes[data] !== 0x2f) return { ok: false, reason: 'the VP8L chunk lacks its signature byte' };
    const bits = bytes.readUInt32LE(data + 1);
    return { ok: true, format: 'VP8L', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (fourcc === 'VP8 ') {
    if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) {
      return { ok: false, reason: 'the VP8 chunk lacks its key-frame start code' };
    }
    return { ok: true, format: 'VP8', width: bytes.readUInt16LE(data + 6) & 0x3fff, height: bytes.readUInt16LE(data + 8) & 0x3fff };
  }
  return { ok: false, reason: `the first chunk is "${fourcc.replace(/[^\x20-\x7e]/g, '?')}", not VP8, VP8L or VP8X` };
}
