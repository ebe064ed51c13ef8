import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { eventOrigin } from '../dom';

/**
 * `submit`: the form is the target (role form, its name), and `submitter`
 * names the button that submitted it (which browsers also report for Enter in
 * a field when the form has a submit button); none for requestSubmit() without one.
 */
export function initSubmit(ctx: CaptureContext): Teardown {
  return ctx.listen(ctx.doc, 'submit', (event) => {
    const form = eventOrigin(event);
    if (!form || form.localName !== 'form') return;
    const button = (event as SubmitEvent).submitter ?? null;
    const target = describeTarget(ctx, form);
    if (!button) {
      ctx.emit({ type: 'submit', target });
      return;
    }
    const by = describeTarget(ctx, button);
    ctx.emit({ type: 'submit', target, submitter: { tag: by.tag, role: by.role, name: by.name, nodeId: by.nodeId } });
  });
}
