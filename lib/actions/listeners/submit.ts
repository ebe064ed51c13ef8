import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { eventOrigin } from '../dom';

/**
 * `submit`: the form's submitter (the button that submitted it, which browsers
 * also report for Enter in a field when the form has a submit button) is the
 * target, being what the person acted on; its `ancestors` name the form. With
 * no submitter (requestSubmit(), or a form without buttons) the form is the target.
 */
export function initSubmit(ctx: CaptureContext): Teardown {
  return ctx.listen(ctx.doc, 'submit', (event) => {
    const form = eventOrigin(event);
    if (!form || form.localName !== 'form') return;
    const submitter = (event as SubmitEvent).submitter ?? null;
    ctx.emit({ type: 'submit', target: describeTarget(ctx, submitter ?? form) });
  });
}
