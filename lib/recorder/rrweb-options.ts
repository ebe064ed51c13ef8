import type { recordOptions } from 'rrweb';
import type { RecorderSettings } from '../schema/recorder-port';

/**
 * Always masked, whatever the settings: typed text in editable regions is text
 * to rrweb, not an input value, so it is masked as text.
 */
const ALWAYS_MASKED_TEXT = '[contenteditable]:not([contenteditable="false"])';
const ALWAYS_BLOCKED = '[data-webtrace-block]';

/** rrweb options for a page, from the settings the worker sent. Inputs are masked, always. */
export function rrwebOptions(settings: RecorderSettings): recordOptions<unknown> {
  const maskText = settings.maskAllText
    ? '*'
    : [ALWAYS_MASKED_TEXT, '[data-webtrace-mask]', settings.maskTextSelector].filter(Boolean).join(', ');
  return {
    maskAllInputs: true,
    maskInputOptions: { password: true, textarea: true, select: true, email: true, tel: true, text: true },
    maskInputFn: (value) => '*'.repeat(value.length),
    maskTextSelector: maskText,
    blockSelector: [ALWAYS_BLOCKED, settings.blockSelector].filter(Boolean).join(', '),
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
    recordCrossOriginIframes: false,
    slimDOMOptions: 'all',
    sampling: { mousemove: 100, scroll: 150, input: 'last' },
  };
}
