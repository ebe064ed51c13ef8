import type { BBox, Target } from '../../schema/action';
import type { CaptureContext, Offset } from '../context';
import { buildSelectors } from '../selectors/build-selectors';
import type { NameMatch } from '../selectors/role-selector';
import { readTestId } from '../selectors/testid-selector';
import { clampText, normalizeText } from '../text';
import { accessibleName, labelText, namedFromContent } from './accessible-name';
import { contextAncestors } from './ancestors';
import { isInput, roleOf } from './element-kinds';
import { rowKey, rowOf } from './row';
import { createTargetPrivacy, type TargetPrivacy } from './target-privacy';

/** Without a context's privacy (unit tests calling describeTarget directly) the always-on rules apply. */
const DEFAULT_PRIVACY = createTargetPrivacy();

const FORM_CONTROL_TAGS = new Set(['input', 'select', 'textarea']);

const TOP: Offset = { x: 0, y: 0 };
/** Icons that name themselves (icon fonts: <span role="img" aria-label="right">): not part of what an item says. */
const ICON_LABEL = '[role="img"][aria-label], svg[aria-label]';

/** The one layout read per action, in the top-level viewport; null when detached or the numbers are unusable. */
function boundingBox(el: Element, offset: Offset): BBox | null {
  if (!el.isConnected) return null;
  const r = el.getBoundingClientRect();
  const box = { x: r.x + offset.x, y: r.y + offset.y, width: r.width, height: r.height };
  return Object.values(box).every(Number.isFinite) ? box : null;
}

/**
 * The element's role: a <form> is a form whether or not it is named (the
 * accessibility rules give an unnamed one none, but a submit targets it).
 */
function roleFor(el: Element): string | null {
  return el.localName === 'form' ? 'form' : roleOf(el);
}

/**
 * Its accessible name, without the labels of icons inside it when it has text
 * of its own ("Europe", not "Europe right"); the role selector then matches
 * the name as a part of Playwright's (which keeps them).
 */
function nameOf(el: Element, role: string | null, privacy: TargetPrivacy): { name: string; match: NameMatch } {
  const full = accessibleName(el, privacy.hidden);
  // An element labelled by itself too (a select button: "Cost center" + its value) may be named
  // without its own content, which Playwright's name keeps: the role selector matches a part.
  if (el.id && (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).includes(el.id)) return { name: full, match: 'part' };
  // Icons inside can only be in a name made from the content (cheap tests first: the query may walk a big element).
  const fromContent = full && !el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby') && namedFromContent(el, role);
  if (!fromContent || !el.querySelector(ICON_LABEL)) return { name: full, match: 'whole' };
  const icons = [...el.querySelectorAll(ICON_LABEL)].map((i) => normalizeText(i.getAttribute('aria-label') ?? '')).filter(Boolean);
  // Icon labels come after or before the text as whole words: take them out word by word.
  const words = full.split(' ');
  for (const icon of icons) {
    const parts = icon.split(' ');
    for (let at = words.length - parts.length; at >= 0; at--) {
      if (parts.every((p, k) => words[at + k] === p)) {
        words.splice(at, parts.length);
        break;
      }
    }
  }
  const name = words.join(' ');
  return name && name !== full ? { name, match: 'part' } : { name: full, match: 'whole' };
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
  ctx: Pick<CaptureContext, 'nodeId'> & { privacy?: TargetPrivacy; frameOffset?: () => Offset },
  el: Element,
  hit?: Element | null,
): Target {
  const privacy = ctx.privacy ?? DEFAULT_PRIVACY;
  const exposure = privacy.exposure(el);
  const open = exposure === 'open';
  const role = roleFor(el);
  const named = exposure === 'blocked' ? { name: '', match: 'whole' as const } : nameOf(el, role, privacy);
  const name = exposure === 'blocked' ? '' : privacy.expose(named.name, exposure);
  const testId = exposure === 'blocked' ? null : readTestId(el);
  const row = rowOf(el);
  const key = row && open ? rowKey(row, el) : '';
  const target: Target = {
    tag: clampText(el.localName, 64),
    role: role === null ? null : clampText(role, 64),
    name,
    nodeId: ctx.nodeId(el),
    bbox: boundingBox(el, ctx.frameOffset?.() ?? TOP),
    ancestors: contextAncestors(el, privacy),
    selectors: buildSelectors(el, {
      role,
      name: open ? name : '',
      nameMatch: named.match,
      testId,
      hidden: open ? privacy.hidden : null,
      row: row && key ? { el: row, key } : null,
    }),
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
