/**
 * How each attribute is treated when its element is recorded:
 * - url: scrubbed as a URL (query values, fragments, ids in paths);
 * - srcset / css: the URLs inside scrubbed;
 * - value: a form value, masked (see the event scrubber);
 * - layout: numbers and keywords that shape rendering, kept as they are
 *   (SVG geometry would otherwise look like phone or card numbers);
 * - text: anything else, PII-scrubbed; masked too in a masked region when
 *   it is read by people (`isShownText`).
 */
export type AttributeKind = 'url' | 'srcset' | 'css' | 'value' | 'layout' | 'text' | 'drop';

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'cite',
  'background',
  'data',
  'codebase',
  'longdesc',
  'ping',
  'xlink:href',
  'manifest',
  'rr_src',
  'itemid',
  'usemap',
  'archive',
  'lowsrc',
  'dynsrc',
]);
const LAYOUT_ATTRIBUTES = new Set([
  'd',
  'points',
  'viewbox',
  'transform',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'dx',
  'dy',
  'width',
  'height',
  'offset',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'fill-opacity',
  'stroke-opacity',
  'fill-rule',
  'clip-rule',
  'stop-color',
  'stop-opacity',
  'gradienttransform',
  'gradientunits',
  'preserveaspectratio',
  'pathlength',
  'font-size',
  'type',
  'role',
  'tabindex',
  'colspan',
  'rowspan',
  'dir',
  'rel',
  'target',
  'method',
  'enctype',
  'media',
  'sizes',
  'loading',
  'decoding',
  'crossorigin',
  'draggable',
  'hidden',
  'disabled',
  'checked',
  'selected',
  'readonly',
  'required',
  'multiple',
  'open',
  'span',
  'start',
  'reversed',
  'scope',
  'rr_width',
  'rr_height',
  'rr_scrollleft',
  'rr_scrolltop',
  'rr_mediastate',
  'rr_mediacurrenttime',
  'rr_mediaplaybackrate',
  'rr_mediamuted',
  'rr_medialoop',
  'rr_mediavolume',
  'rr_open_mode',
]);
/** Read by people: in a masked region these are masked, like text. */
const SHOWN_TEXT = new Set([
  'title',
  'alt',
  'placeholder',
  'label',
  'summary',
  'abbr',
  'content',
  'download',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'aria-braillelabel',
]);
/** Never kept: canvas pixels cannot be scrubbed. */
const DROPPED = new Set(['rr_dataurl']);

export function attributeKind(name: string): AttributeKind {
  const n = name.toLowerCase();
  if (n === 'value') return 'value';
  if (URL_ATTRIBUTES.has(n)) return 'url';
  if (n === 'srcset' || n === 'imagesrcset') return 'srcset';
  if (n === 'style' || n === '_csstext') return 'css';
  if (DROPPED.has(n)) return 'drop';
  if (LAYOUT_ATTRIBUTES.has(n)) return 'layout';
  return 'text';
}

/** Test ids are the developer's names for elements, not content: never masked. */
const TEST_IDS = new Set(['data-testid', 'data-test-id', 'data-test', 'data-cy']);

/** Attributes people read, and data-* (which apps fill with names, emails, ids). */
export function isShownText(name: string): boolean {
  const n = name.toLowerCase();
  if (SHOWN_TEXT.has(n)) return true;
  return n.startsWith('data-') && !TEST_IDS.has(n) && !n.startsWith('data-webtrace-') && !n.startsWith('data-rr-');
}
