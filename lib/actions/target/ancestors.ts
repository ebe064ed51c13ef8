import type { Target } from '../../schema/action';
import { parentOrHost } from '../dom';
import { attributeName } from './accessible-name';
import { roleOf } from './element-kinds';
import { rowKey, rowOf } from './row';
import type { TargetPrivacy } from './target-privacy';

type Ancestor = Target['ancestors'][number];

/** Roles that give an action context ("Save" in the "Edit profile" dialog). */
const CONTEXT_ROLES = new Set(['dialog', 'alertdialog', 'form', 'region', 'navigation', 'main', 'search']);
/** Tags that can carry one of those roles implicitly; others need a role attribute. */
const CONTEXT_TAGS = new Set(['dialog', 'form', 'section', 'nav', 'main', 'search']);
export const MAX_ANCESTORS = 4;
const MAX_DEPTH = 200;

/**
 * Named dialog/form/region/landmark ancestors, innermost first, at most 4
 * (unnamed ones say nothing), and the table or grid row the element is in,
 * named by its key cell's text. Names follow each ancestor's exposure: one in a
 * blocked region says nothing, one in a masked region has its name masked.
 */
export function contextAncestors(el: Element, privacy?: TargetPrivacy): Ancestor[] {
  const out: Ancestor[] = [];
  const row = rowOf(el);
  let depth = 0;
  for (let a = parentOrHost(el); a && out.length < MAX_ANCESTORS && depth < MAX_DEPTH; a = parentOrHost(a), depth++) {
    if (a === row) {
      const exposure = privacy?.exposure(a) ?? 'open';
      const key = exposure === 'blocked' ? '' : rowKey(a, el);
      if (key) out.push({ role: 'row', name: privacy ? privacy.expose(key, exposure) : key });
      continue;
    }
    if (!CONTEXT_TAGS.has(a.localName) && !a.hasAttribute('role')) continue;
    const role = roleOf(a);
    if (role === null || !CONTEXT_ROLES.has(role)) continue;
    const exposure = privacy?.exposure(a) ?? 'open';
    if (exposure === 'blocked') continue;
    const name = attributeName(a, privacy?.hidden);
    if (name) out.push({ role: role.slice(0, 64), name: privacy ? privacy.expose(name, exposure) : name });
  }
  return out;
}
