import { BLOCK, MASK, MASK_CHILDREN, NEVER } from './node-registry';
import { isNeverCaptured } from './never-captured';
import type { AttributeValue } from './rrweb-shapes';
import type { ScrubContext } from './scrub-context';

const str = (v: AttributeValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** An element's own privacy flags, from its serialized attributes and (on the device) the admin's selectors. */
export function ownFlags(
  ctx: ScrubContext,
  id: number,
  tag: string,
  attributes: Record<string, AttributeValue>,
  needBlock: boolean,
): number {
  let flags = 0;
  if (needBlock || 'data-webtrace-block' in attributes || 'rr_width' in attributes || ctx.probe?.blocked(id)) flags |= BLOCK;
  if ('data-webtrace-mask' in attributes || ctx.probe?.masked(id)) flags |= MASK;
  // What is inside a textarea or an editable region is typed text; their own labels and hints are not.
  const editable = str(attributes.contenteditable);
  if (tag === 'textarea' || (editable !== null && editable !== 'false')) flags |= MASK_CHILDREN;
  if (FIELD_TAGS.has(tag)) {
    const field = {
      type: str(attributes.type),
      autocomplete: str(attributes.autocomplete),
      name: str(attributes.name),
      id: str(attributes.id),
      wasPassword: 'data-rr-is-password' in attributes,
    };
    if (isNeverCaptured(field)) flags |= NEVER;
  }
  return flags;
}

/** Elements that hold a value someone enters. */
const FIELD_TAGS = new Set(['input', 'textarea', 'select']);

/** Attributes whose change can change an element's flags. */
export const FLAG_ATTRIBUTES = new Set([
  'data-webtrace-block',
  'data-webtrace-mask',
  'contenteditable',
  'type',
  'autocomplete',
  'name',
  'id',
  'data-rr-is-password',
  'class',
]);
