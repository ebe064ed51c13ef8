import { blockSelectorOf, maskSelectorOf, type PrivacyPolicy } from '../../privacy/policy';
import type { ShotRegionKind } from '../../schema/shot-regions';

/** Input types whose pixels are not typed text: buttons (their label is page text), checkboxes, radios, ranges. */
const NOT_TYPED = ['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'hidden', 'image'];

/** Every field a person can type into (or whose shown value is theirs: a select's choice). */
export const FIELD_SELECTOR = [
  `input${NOT_TYPED.map((t) => `:not([type="${t}" i])`).join('')}`,
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="searchbox"]',
  '[role="combobox"]',
].join(', ');

/**
 * Elements whose pixels are never kept, by kind. Frames are all blacked out, same-origin ones too:
 * their fields are not in this document's tree. rrweb's own classes count like the attributes.
 */
export function regionSelectors(policy: PrivacyPolicy): Array<[ShotRegionKind, string]> {
  return [
    ['field', FIELD_SELECTOR],
    ['masked', `${maskSelectorOf(policy)}, .rr-mask`],
    ['blocked', `${blockSelectorOf(policy)}, .rr-block, .rr-ignore`],
    ['frame', 'iframe, frame, portal, fencedframe'],
    ['canvas', 'canvas'],
    ['video', 'video'],
    ['embed', 'embed, object'],
  ];
}

/** One selector for all kinds (matched once per report), and the kind of a matched element. */
export function compileRegionSelectors(policy: PrivacyPolicy) {
  const kinds = regionSelectors(policy).map(([kind, selector]) => [kind, safeSelector(selector)] as const);
  const all = kinds
    .map(([, s]) => s)
    .filter(Boolean)
    .join(', ');
  const kindOf = (el: Element): ShotRegionKind => {
    for (const [kind, selector] of kinds) if (selector && el.matches(selector)) return kind;
    return 'blocked';
  };
  return { all, kindOf };
}

/** An admin selector the page cannot evaluate is dropped part by part, never the always-on ones. */
function safeSelector(selector: string): string {
  if (isValid(selector)) return selector;
  return selector
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && isValid(part))
    .join(', ');
}

function isValid(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
