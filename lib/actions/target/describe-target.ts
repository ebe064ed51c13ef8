import type { BBox, Target } from '../../schema/action';
import type { CaptureContext } from '../context';
import { buildSelectors } from '../selectors/build-selectors';
import { readTestId } from '../selectors/testid-selector';
import { clampText, normalizeText } from '../text';
import { accessibleName, labelText } from './accessible-name';
import { contextAncestors } from './ancestors';
import { isInput, roleOf } from './element-kinds';
import { createTargetPrivacy, type TargetPrivacy } from './target-privacy';

/** Without a context's privacy (unit tests calling describeTarget directly) the always-on rules apply. */
const DEFAULT_PRIVACY = createTargetPrivacy();

const FORM_CONTROL_TAGS = new Set(['input', 'select', 'textarea']);

/** The one layout read per action; null when detached or the numbers are unusable. */
function boundingBox(el: Element): BBox | null {
  if (!el.isConnected) return null;
  const r = el.getBoundingClientRect();
  const box = { x: r.x, y: r.y, width: r.width, height: r.height };
  return Object.values(box).every(Number.isFinite) ? box : null;
}

function optionalText(value: string | null | undefined): string | undefined {
  const text = value ? clampText(normalizeText(value)) : '';
  return text || undefined;
}

/**
 * Describes the element an action was aimed at so it can be found again.
 * `hit` (what was actually under the pointer) is kept only when it differs.
 * Never reads a control's value. Text follows the element's exposure: none
 * from a blocked region (the role stays, selectors are structural only),
 * masked text from a masked one.
 */
export function describeTarget(
  ctx: Pick<CaptureContext, 'nodeId'> & { privacy?: TargetPrivacy },
  el: Element,
  hit?: Element | null,
): Target {
  const privacy = ctx.privacy ?? DEFAULT_PRIVACY;
  const exposure = privacy.exposure(el);
  const open = exposure === 'open';
  const role = roleOf(el);
  const name = exposure === 'blocked' ? '' : privacy.expose(accessibleName(el, privacy.hidden), exposure);
  const testId = exposure === 'blocked' ? null : readTestId(el);
  const target: Target = {
    tag: clampText(el.localName, 64),
    role: role === null ? null : clampText(role, 64),
    name,
    nodeId: ctx.nodeId(el),
    bbox: boundingBox(el),
    ancestors: contextAncestors(el, privacy),
    selectors: buildSelectors(el, role, open ? name : '', testId, open ? privacy.hidden : null),
  };
  const exposed = (text: string | null | undefined) => optionalText(text && privacy.expose(text, exposure));
  const label = FORM_CONTROL_TAGS.has(el.localName) ? exposed(labelText(el, privacy.hidden)) : undefined;
  if (label) target.label = label;
  const placeholder = exposed(el.getAttribute('placeholder') ?? el.getAttribute('aria-placeholder'));
  if (placeholder) target.placeholder = placeholder;
  if (isInput(el)) target.inputType = clampText(el.type, 32);
  if (testId) target.testId = clampText(testId.value);
  if (hit && hit !== el) {
    const hitRole = roleOf(hit);
    target.hit = { tag: clampText(hit.localName, 64), nodeId: ctx.nodeId(hit), role: hitRole && clampText(hitRole, 64) };
  }
  return target;
}
