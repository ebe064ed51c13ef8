import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { editingHost, isInput, isTextField } from '../target/element-kinds';
import { eventOrigin } from '../dom';

/** Final length of what is in the field; the text itself is never kept. */
function fieldLength(el: Element): number {
  if (isInput(el) || el.localName === 'textarea') return (el as HTMLInputElement | HTMLTextAreaElement).value.length;
  return (el.textContent ?? '').length;
}

/**
 * `type`: all `input` events in one text field become ONE action carrying only
 * the final length (`{kind:'masked', length}`), passwords included. It is
 * emitted when the field loses focus, on its `change`, when typing moves to
 * another field, before any other action (so order stays right) and on stop.
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

  const teardowns = [
    ctx.listen(ctx.doc, 'input', onInput),
    ctx.listen(ctx.doc, 'focusout', onLeave),
    ctx.listen(ctx.doc, 'change', onLeave),
    ctx.addFlusher(flush),
  ];
  return () => {
    for (const off of teardowns) off();
    field = null;
  };
}
