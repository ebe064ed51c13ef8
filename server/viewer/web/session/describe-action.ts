import type { Action, Selector } from '../../../../lib/schema/action';

/** The parts of an action's row in the list, as plain text. */
export interface ActionText {
  type: string;
  /** Role and accessible name, e.g. `button "Edit"`. */
  target: string;
  /** The best selector: the first that matched exactly one element, else the first. */
  selector: string;
  selectorKind: Selector['kind'] | null;
  /** What was done, never a typed value: "typed 5 characters (masked)", `chose "Shipped"`… */
  detail: string;
  /** Where it happened: the table row, form or dialog it was in, and the control or submit button involved. */
  context: string;
}

export function bestSelector(selectors: readonly Selector[]): Selector | null {
  return selectors.find((s) => s.matches === 1) ?? selectors[0] ?? null;
}

export function describeAction(action: Action): ActionText {
  const t = action.target;
  const selector = t ? bestSelector(t.selectors) : null;
  const who = t ? (t.role ?? t.tag) : '';
  return {
    type: action.type,
    target: t ? (t.name ? `${who} "${t.name}"` : who) : '',
    selector: selector?.value ?? '',
    selectorKind: selector?.kind ?? null,
    detail: detailOf(action),
    context: contextOf(action),
  };
}

/** `in row "EX-1003", form "New order"; via combobox "Status"; submitted by button "Save"`. */
export function contextOf(action: Action): string {
  const t = action.target;
  const named = (who: { role: string | null; tag: string; name: string }) =>
    who.name ? `${who.role ?? who.tag} "${who.name}"` : (who.role ?? who.tag);
  // The recorder keeps only named rows, forms, dialogs and landmarks, innermost first.
  const places = (t?.ancestors ?? []).filter((a) => a.name).map((a) => `${a.role} "${a.name}"`);
  const parts = [
    places.length ? `in ${places.join(', ')}` : '',
    action.control ? `via ${named(action.control)}` : '',
    action.submitter ? `submitted by ${named(action.submitter)}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function detailOf(a: Action): string {
  const value = a.value;
  switch (a.type) {
    case 'type':
      return value?.kind === 'masked' ? `typed ${value.length} character${value.length === 1 ? '' : 's'} (masked)` : 'typed (masked)';
    case 'select':
      return value?.kind === 'label' ? `chose "${value.label}"` : 'chose an option';
    case 'check':
      return a.checked === undefined ? '' : a.checked ? 'checked' : 'unchecked';
    case 'key':
      return a.key ?? '';
    case 'navigate':
      return `${a.navigation ?? 'navigation'}: ${a.url}`;
    case 'scroll':
      return a.scroll ? `to ${Math.round(a.scroll.x)}, ${Math.round(a.scroll.y)}` : '';
    case 'click':
      return a.button && a.button !== 'left' ? `${a.button} click` : '';
    default:
      return '';
  }
}
