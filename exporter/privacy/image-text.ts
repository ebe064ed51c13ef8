import { inflateSync } from 'node:zlib';

/**
 * The text an image file can carry besides its pixels: PNG text and EXIF
 * chunks, JPEG APPn and comment segments, WebP chunks other than image data
 * (EXIF, XMP, anything unknown). The exporter writes rendered screenshots
 * and copies captured ones from the store; either could carry text past the
 * pixel redaction, so the final search reads it. `format` is null when the
 * bytes are not a PNG, JPEG or WebP at all.
 */
export interface ImageText {
  format: 'png' | 'jpeg' | 'webp' | null;
  texts: string[];
}

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const tag = (b: Uint8Array, at: number): string => latin1(b.subarray(at, at + 4));

export function imageText(b: Uint8Array): ImageText {
  if (b.length >= 8 && b[0] === 0x89 && tag(b, 1) === 'PNG\r') return { format: 'png', texts: pngTexts(b) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return { format: 'jpeg', texts: jpegTexts(b) };
  if (b.length >= 12 && tag(b, 0) === 'RIFF' && tag(b, 8) === 'WEBP') return { format: 'webp', texts: webpTexts(b) };
  return { format: null, texts: [latin1(b)] };
}

/** The extension a file of this format has. */
export const IMAGE_EXTENSIONS = { png: ['png'], jpeg: ['jpg', 'jpeg'], webp: ['webp'] } as const;

const PNG_PIXELS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'pHYs', 'bKGD', 'sBIT']);

function pngTexts(b: Uint8Array): string[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: string[] = [];
  for (let at = 8; at + 8 <= b.length;) {
    const length = view.getUint32(at);
    const type = tag(b, at + 4);
    const data = b.subarray(at + 8, Math.min(b.length, at + 8 + length));
    if (type === 'zTXt' || type === 'iTXt') out.push(latin1(data), ...inflated(type, data));
    else if (!PNG_PIXELS.has(type)) out.push(latin1(data));
    at += 12 + length;
  }
  return out;
}

/** A zTXt or compressed iTXt chunk's text, inflated (an undecodable one is searched as it is). */
function inflated(type: string, data: Uint8Array): string[] {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 0) return [];
  let start = keywordEnd + 2; // zTXt: keyword, NUL, method
  if (type === 'iTXt') {
    if (data[keywordEnd + 1] !== 1) return [];
    const languageEnd = data.indexOf(0, keywordEnd + 3);
    const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
    if (translatedEnd < 0) return [];
    start = translatedEnd + 1;
  }
  try {
    return [inflateSync(data.subarray(start)).toString('utf8')];
  } catch {
    return [];
  }
}

function jpegTexts(b: Uint8Array): string[] {
  const out: string[] = [];
  for (let at = 2; at + 4 <= b.length && b[at] === 0xff;) {
    const marker = b[at + 1]!;
    if (marker === 0xda) break; // start of scan: pixels follow
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) out.push(latin1(b.subarray(at + 4, at + 2 + length)));
    at += 2 + length;
  }
  return out;
}

const WEBP_PIXELS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

function webpTexts(b: Uint8Array): string[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: string[] = [];
  for (let at = 12; at + 8 <= b.length;) {
    const size = view.getUint32(at + 4, true);
    if (!WEBP_PIXELS.has(tag(b, at))) out.push(latin1(b.subarray(at + 8, Math.min(b.length, at + 8 + size))));
    at += 8 + size + (size % 2);
  }
  return out;
}
