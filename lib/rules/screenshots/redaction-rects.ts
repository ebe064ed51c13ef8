import type { ShotRect } from '../../schema/shot-regions';

/** Every blacked-out region grows by this much on each side (CSS px). */
export const REDACTION_PAD_PX = 4;

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The rectangles to fill black in an image `imageWidth` x `imageHeight` of a
 * viewport `viewportWidth` CSS px wide: both reports' regions, each padded by
 * 4 CSS px, scaled by image width / viewport width (measured, never the
 * DPR), rounded outwards and clipped to the image. At least one image pixel
 * of padding whatever the scale (a downscaled image blurs edges by one).
 */
export function redactionRects(regions: readonly ShotRect[], image: { width: number; height: number }, viewportWidth: number): PixelRect[] {
  const scale = image.width / viewportWidth;
  const pad = Math.max(REDACTION_PAD_PX * scale, 1) + 1;
  const out: PixelRect[] = [];
  for (const r of regions) {
    const x0 = Math.max(0, Math.floor(r.x * scale - pad));
    const y0 = Math.max(0, Math.floor(r.y * scale - pad));
    const x1 = Math.min(image.width, Math.ceil((r.x + r.width) * scale + pad));
    const y1 = Math.min(image.height, Math.ceil((r.y + r.height) * scale + pad));
    if (x1 > x0 && y1 > y0) out.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return out;
}

/**
 * Whether a capture shows exactly the reported viewport: the same aspect ratio within a pixel or
 * two. Otherwise (device emulation, a zoomed or letterboxed surface) no scale maps the regions
 * onto it, and the shot must be dropped.
 */
export function captureMatchesViewport(bitmap: { width: number; height: number }, viewport: { width: number; height: number }): boolean {
  const expectedHeight = (bitmap.width * viewport.height) / viewport.width;
  return Math.abs(expectedHeight - bitmap.height) <= Math.max(2, bitmap.width / viewport.width);
}

/** The stored image's size: the capture's, scaled down (never up) to at most maxWidth wide. */
export function outputSize(bitmap: { width: number; height: number }, maxWidth: number): { width: number; height: number } {
  if (bitmap.width <= maxWidth) return { width: bitmap.width, height: bitmap.height };
  return { width: maxWidth, height: Math.max(1, Math.round((bitmap.height * maxWidth) / bitmap.width)) };
}
