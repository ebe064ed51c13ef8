import { attributeKind, isShownText } from './attribute-kind';
import { maskText } from './mask-text';
import { NEVER } from './node-registry';
import type { AttributeValue } from './rrweb-shapes';
import { maskValue, type ScrubContext } from './scrub-context';
import { scrubCssUrls, scrubSrcset } from './scrub-css';
import { scrubText } from './scrub-text';
import { scrubUrl } from './scrub-url';

/** Elements whose `value` attribute is data entered or submitted, not something shown. */
const VALUE_TAGS = new Set(['input', 'textarea', 'select', 'option', 'button', 'data', 'param', 'output']);
/** Input types whose value is the button's visible label. */
const LABEL_INPUT_TYPES = new Set(['button', 'submit', 'reset']);

export interface ElementFacts {
  id: number;
  tag: string;
  type: string | undefined;
  /** This element's own flags (NEVER…). */
  flags: number;
  /** In a masked region (or maskAllText). */
  masked: boolean;
}

/** Scrubs one element's attributes (a full set, or the changed ones of a mutation; null = removed). */
export function scrubAttributes(
  ctx: ScrubContext,
  el: ElementFacts,
  attributes: Record<string, AttributeValue>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const name of Object.keys(attributes)) {
    const value = attributes[name]!;
    const kind = attributeKind(name);
    if (kind === 'drop') continue;
    if (value === null || typeof value === 'number' || typeof value === 'boolean') {
      out[name] = value;
    } else if (typeof value !== 'string') {
      out[name] = scrubStyleDiff(value); // a mutation's style diff: { property: value | [value, priority] | false }
    } else if (kind === 'value') {
      out[name] = scrubValueAttribute(ctx, el, value);
    } else if (kind === 'url') {
      out[name] = scrubUrl(value);
    } else if (kind === 'srcset') {
      out[name] = scrubSrcset(value);
    } else if (kind === 'css') {
      out[name] = scrubCssUrls(value);
    } else if (kind === 'layout') {
      out[name] = value;
    } else {
      out[name] = el.masked && isShownText(name) ? maskText(value) : scrubText(value);
    }
  }
  return out;
}

function scrubValueAttribute(ctx: ScrubContext, el: ElementFacts, value: string): string {
  const entered = VALUE_TAGS.has(el.tag) && !(el.tag === 'input' && LABEL_INPUT_TYPES.has(el.type ?? ''));
  if (!entered) return el.masked ? maskText(value) : scrubText(value);
  return scrubFieldValue(ctx, el.id, el.flags, value, el.tag);
}

/** Tags whose masked value is a position token (choice-token.ts), so a replay shows the chosen option. */
const CHOICE_TAGS = new Set(['select', 'option']);

/**
 * A field's value (attribute or input event): kept only where allowed, and
 * then PII-scrubbed. On the device a masked select or option value becomes its
 * position token; the server, which sees tokens (or values the policy
 * allowed), can only PII-scrub, which leaves tokens as they are.
 */
export function scrubFieldValue(ctx: ScrubContext, id: number, flags: number, value: string, tag = ''): string {
  if (flags & NEVER) return maskValue(value);
  if (ctx.mode === 'server') return scrubText(value);
  if (ctx.probe?.valueAllowed(id)) return scrubText(value);
  const token = CHOICE_TAGS.has(tag) ? ctx.probe?.choiceToken?.(id) : null;
  return token ?? maskValue(value);
}

function scrubStyleDiff(diff: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [property, v] of Object.entries(diff)) {
    if (typeof v === 'string') out[property] = scrubCssUrls(v);
    else if (Array.isArray(v)) out[property] = v.map((x) => (typeof x === 'string' ? scrubCssUrls(x) : x));
    else out[property] = v;
  }
  return out;
}
