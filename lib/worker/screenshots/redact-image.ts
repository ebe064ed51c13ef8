import { captureMatchesViewport, outputSize, redactionRects } from '../../rules/screenshots/redaction-rects';
import type { ShotRect } from '../../schema/shot-regions';

export interface RedactedImage {
  blob: Blob;
  width: number;
  height: number;
  /** Image pixels per CSS px. */
  scale: number;
  /** How many rectangles were filled. */
  rects: number;
  ms: { decode: number; redact: number; encode: number };
}

export interface RedactOptions {
  maxWidth: number;
  quality: number;
  now: () => number;
}

/**
 * Decodes a capture, scales it down to maxWidth, fills every region black
 * (padded, scaled by the measured image width / viewport width) and encodes
 * WebP. Throws when anything fails, the encoder's output type included
 * (an unsupported type silently falls back to PNG): the caller drops the shot.
 */
export async function redactImage(
  capture: Blob,
  regions: readonly ShotRect[],
  viewport: { width: number; height: number },
  opts: RedactOptions,
): Promise<RedactedImage> {
  const viewportWidth = viewport.width;
  const t0 = opts.now();
  const bitmap = await createImageBitmap(capture);
  const t1 = opts.now();
  try {
    if (!captureMatchesViewport(bitmap, viewport)) {
      throw new Error(`the capture (${bitmap.width}x${bitmap.height}) does not show the viewport (${viewport.width}x${viewport.height})`);
    }
    const size = outputSize(bitmap, opts.maxWidth);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    const rects = redactionRects(regions, size, viewportWidth);
    ctx.fillStyle = '#000';
    for (const r of rects) ctx.fillRect(r.x, r.y, r.width, r.height);
    const t2 = opts.now();
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: opts.quality });
    if (blob.type !== 'image/webp') throw new Error(`the encoder gave ${blob.type || 'no type'}, not image/webp`);
    const scale = size.width / viewportWidth;
    return { blob, ...size, scale, rects: rects.length, ms: { decode: t1 - t0, redact: t2 - t1, encode: opts.now() - t2 } };
  } finally {
    bitmap.close();
  }
}
