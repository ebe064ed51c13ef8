import { accessibleName } from '../../../lib/actions/target/accessible-name';
import { roleOf } from '../../../lib/actions/target/element-kinds';
import { pyString } from '../../derive/py-literal';
import { childFrame, childNodesOf, isRendered, TOP, type Frame } from './walk';

/**
 * The accessibility tree in BrowserGym's text form, one node a line, a tab per
 * level: `[bid] role 'name'` (bid = rrweb id), states after commas, and
 * `StaticText 'text'` for text not already in its node's name. Roles and names
 * come from the project's own code (lib/actions/target), which never reads a
 * field's value; values are not part of the tree.
 */
const SKIPPED_ROLES = new Set(['generic', 'none', 'presentation']);
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head']);
/** Roles named from their content or labels; structural ones (list, row…) keep an empty name to stay cheap. */
const NAMED_ROLES = new Set([
  'button',
  'link',
  'checkbox',
  'radio',
  'switch',
  'tab',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'textbox',
  'searchbox',
  'combobox',
  'spinbutton',
  'slider',
  'listbox',
  'heading',
  'img',
  'dialog',
  'alertdialog',
  'form',
  'region',
  'navigation',
  'main',
  'search',
  'treeitem',
  'gridcell',
  'cell',
  'columnheader',
  'rowheader',
  'tabpanel',
  'menu',
  'menubar',
  'tablist',
  'tree',
  'grid',
  'table',
  'figure',
  'progressbar',
  'meter',
  'banner',
  'contentinfo',
  'complementary',
  'group',
  'radiogroup',
  'toolbar',
  'tooltip',
  'alert',
  'status',
  'article',
]);
export const MAX_AX_LINES = 5000;
const MAX_TEXT = 200;

export function axTree(doc: Document, idOf: (n: Node) => number): string {
  const lines: string[] = [`RootWebArea ${pyString(doc.title ?? '')}`];
  const walk = (node: Node, depth: number, frame: Frame, parentName: string): void => {
    if (lines.length >= MAX_AX_LINES) return;
    if (node.nodeType === 3) {
      const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
      if (text && !parentName.includes(text)) lines.push(`${'\t'.repeat(depth)}StaticText ${pyString(text.slice(0, MAX_TEXT))}`);
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIPPED_TAGS.has(el.localName) || el.getAttribute('aria-hidden') === 'true' || !isRendered(el)) return;
    const role = roleOf(el);
    let childDepth = depth;
    let name = parentName;
    if (role && !SKIPPED_ROLES.has(role)) {
      name = NAMED_ROLES.has(role) ? accessibleName(el) : '';
      lines.push(`${'\t'.repeat(depth)}[${idOf(el)}] ${role} ${pyString(name)}${states(el)}`);
      childDepth = depth + 1;
    }
    if (el.localName === 'iframe') {
      const child = childFrame(el, frame);
      if (child?.doc.body) walk(child.doc.body, childDepth, child.frame, name);
      return;
    }
    for (const c of childNodesOf(el)) walk(c, childDepth, frame, name);
  };
  if (doc.body) walk(doc.body, 1, TOP, '');
  return lines.join('\n');
}

function states(el: Element): string {
  const out: string[] = [];
  const input = el as HTMLInputElement;
  if ((input.type === 'checkbox' || input.type === 'radio') && el.localName === 'input')
    out.push(`checked=${pyString(String(input.checked))}`);
  for (const [attr, label] of [
    ['aria-checked', 'checked'],
    ['aria-expanded', 'expanded'],
    ['aria-selected', 'selected'],
    ['aria-pressed', 'pressed'],
  ] as const) {
    const v = el.getAttribute(attr);
    if (v !== null && !(label === 'checked' && out.length)) out.push(`${label}=${pyString(v)}`);
  }
  if ((el as HTMLOptionElement).selected === true && el.localName === 'option') out.push('selected=True');
  if (el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true') out.push('disabled=True');
  if (el.hasAttribute('required') || el.getAttribute('aria-required') === 'true') out.push('required=True');
  if (el.ownerDocument.activeElement === el) out.push('focused');
  return out.length ? `, ${out.join(', ')}` : '';
}
