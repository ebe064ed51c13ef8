import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { editingHost, isInput, isTextField } from '../target/element-kinds';
import { eventOrigin } from '../dom';

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'tr', 'ul', 'ol']);

/**
 * An editing host's text length as typed: characters, plus one per line break
 * (<br>, and each boundary between blocks, where Enter went). A <br> alone in
 * a block is the editor's placeholder for an empty line, not a typed break.
 */
export function editableLength(host: Element): number {
  let length = 0;
  let blocks = 0;
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) length += (child.nodeValue ?? '').length;
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (el.localName === 'br') {
        if (el.nextSibling || el.previousSibling) length += 1;
        continue;
      }
      if (BLOCK_TAGS.has(el.localName) && !el.querySelector(':scope > p, :scope > div, :scope > li')) blocks += 1;
      walk(el);
    }
  };
  walk(host);
  return length + Math.max(0, blocks - 1);
}

/** Final length of what is in the field; the text itself is never kept. */
function fieldLength(el: Element): number {
  if (isInput(el) || el.localName === 'textarea') return (el as HTMLInputElement | HTMLTextAreaElement).value.length;
  return editableLength(el);
}

/**
 * `type`: all `input` events in one visit to a text field become ONE action
 * carrying only the final length (`{kind:'masked', length}`), passwords
 * included. It is emitted when the field loses focus, on its `change`, when
 * typing moves to another field, before any other action (so order stays
 * right) and on stop. Enter in a multi-line editor is typing (the keyboard
 * listener records no action for it), so it does not end the visit.
 * Per input event the work is O(1): remember the field; length is read at flush.
 */
export function initType(ctx: CaptureContext): Teardown {
  let field: Element | null = null;

  const flush = (): void => {
    const el = field;
    if (!el) return;
    field = null; // cleared first, so a failing emit cannot loop
    ctx.emit({ type: 'type', target: describeTarget(ctx, el), value: { kind: 'masked', length: fieldLength(el) } }, flush);
  };

  const onInput = (event: Event): void => {
    const origin = eventOrigin(event);
    if (!origin || !isTextField(origin)) return;
    const el = isInput(origin) || origin.localName === 'textarea' ? origin : editingHost(origin);
    if (field !== null && field !== el) flush();
    field = el;
  };

  /** focusout/change of the pending field (or of something inside a contenteditable one). */
  const onLeave = (event: Event): void => {
    if (field !== null && event.composedPath().includes(field)) flush();
  };

  /** A press outside the field ends the visit, before what the press does (a combobox's choice fills the field). */
  const onPress = (event: Event): void => {
    if (field !== null && !event.composedPath().includes(field)) flush();
  };

  const teardowns = [
    ctx.listen(ctx.doc, 'input', onInput),
    ctx.listen(ctx.doc, 'pointerdown', onPress),
    ctx.listen(ctx.doc, 'focusout', onLeave),
    ctx.listen(ctx.doc, 'change', onLeave),
    ctx.addFlusher(flush),
  ];
  return () => {
    for (const off of teardowns) off();
    field = null;
  };
}
