import type { recordOptions } from 'rrweb';

/**
 * rrweb options for a page: `privacy` (lib/privacy/page-privacy.ts: masking,
 * blocking, the paste guard) over what is recorded at all. Nothing that
 * cannot be scrubbed is recorded: no canvas pixels, fonts, inlined images,
 * cross-origin frames.
 */
export function rrwebOptions(privacy: Partial<recordOptions<unknown>>): recordOptions<unknown> {
  return {
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
    recordCrossOriginIframes: false,
    slimDOMOptions: 'all',
    sampling: { mousemove: 100, scroll: 150, input: 'last' },
    ...privacy,
  };
}
