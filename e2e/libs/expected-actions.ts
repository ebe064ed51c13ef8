import type { Action } from '../../lib/schema/action';

/** What one expected action must say; unnamed fields are not checked. */
export interface ExpectedAction {
  type: Action['type'];
  role?: string | null;
  name?: string | RegExp;
  /** select: the chosen option's label (a path for multi-level choices). */
  label?: string;
  /** select: the machine-readable date. */
  date?: string;
  /** select: the control that owns the choice. */
  control?: { role?: string; name?: string | RegExp };
  /** The key cell text of the row the action happened in (an ancestor with role row). */
  row?: string;
  via?: 'keyboard';
  length?: number;
  checked?: boolean;
  key?: string;
  /** submit: the submitter's name. */
  submitter?: string;
}

/** Actions a scenario counts: navigation and scrolling are the page's, not gestures. */
export const counted = (a: Action): boolean => a.type !== 'navigate' && a.type !== 'scroll';

const textIs = (actual: string | undefined, want: string | RegExp): boolean =>
  typeof want === 'string' ? actual === want : want.test(actual ?? '');

/** Why `a` is not the expected action, or null when it is. */
export function mismatch(a: Action, want: ExpectedAction): string | null {
  const t = a.target;
  if (a.type !== want.type) return `type ${a.type}`;
  if (want.role !== undefined && t?.role !== want.role) return `role ${t?.role}`;
  if (want.name !== undefined && !textIs(t?.name, want.name)) return `name "${t?.name}"`;
  if (want.label !== undefined && (a.value?.kind !== 'label' || a.value.label !== want.label)) {
    return `label ${a.value?.kind === 'label' ? `"${a.value.label}"` : 'none'}`;
  }
  if (want.date !== undefined && (a.value?.kind !== 'label' || a.value.date !== want.date)) {
    return `date ${a.value?.kind === 'label' ? a.value.date : 'none'}`;
  }
  if (want.control) {
    const c = a.control;
    if (!c) return 'no control';
    if (want.control.role !== undefined && c.role !== want.control.role) return `control role ${c.role}`;
    if (want.control.name !== undefined && !textIs(c.name, want.control.name)) return `control name "${c.name}"`;
  }
  if (want.row !== undefined) {
    const rows = [...(t?.ancestors ?? []), ...(a.control?.ancestors ?? [])].filter((x) => x.role === 'row').map((x) => x.name);
    if (!rows.includes(want.row)) return `row ${rows.join('|') || 'none'}`;
  }
  if (want.via !== undefined && a.via !== want.via) return `via ${a.via ?? 'none'}`;
  if (want.length !== undefined && (a.value?.kind !== 'masked' || a.value.length !== want.length)) {
    return `length ${a.value?.kind === 'masked' ? a.value.length : 'none'}`;
  }
  if (want.checked !== undefined && a.checked !== want.checked) return `checked ${a.checked}`;
  if (want.key !== undefined && a.key !== want.key) return `key ${a.key}`;
  if (want.submitter !== undefined && a.submitter?.name !== want.submitter) return `submitter "${a.submitter?.name}"`;
  return null;
}

export interface Alignment {
  right: number;
  total: number;
  /** Expected actions not found, with the closest recorded action's difference. */
  wrong: string[];
  /** Recorded actions no expectation accounts for (a second action for one gesture). */
  extra: string[];
}

export const describeAction = (a: Action): string => {
  const value = a.value?.kind === 'label' ? ` = "${a.value.label}"` : a.value?.kind === 'masked' ? ` (${a.value.length})` : '';
  const control = a.control ? ` in ${a.control.role} "${a.control.name}"` : '';
  return `${a.type} ${a.target?.role ?? '-'} "${a.target?.name ?? ''}"${value}${control}${a.via ? ` via ${a.via}` : ''}${a.key ? ` ${a.key}` : ''}`;
};

const describeWant = (w: ExpectedAction): string =>
  `${w.type} ${w.role ?? '*'} ${w.name ?? '*'}${w.label ? ` = "${w.label}"` : ''}${w.control ? ` in ${w.control.role ?? '*'} "${w.control.name ?? '*'}"` : ''}`;

/**
 * Aligns recorded actions with the expected ones in order: each expectation
 * takes the next recorded action that satisfies it; an expectation that none
 * satisfies is wrong (and reported with the difference of the action at its
 * place); recorded actions that no expectation took are extra.
 */
export function align(actions: Action[], expected: ExpectedAction[]): Alignment {
  const recorded = actions.filter(counted);
  const taken = new Set<number>();
  const wrong: string[] = [];
  let at = 0;
  for (const want of expected) {
    let found = -1;
    for (let i = at; i < recorded.length; i++) {
      if (!taken.has(i) && mismatch(recorded[i]!, want) === null) {
        found = i;
        break;
      }
    }
    if (found >= 0) {
      taken.add(found);
      at = found + 1;
      continue;
    }
    const near = recorded[at];
    wrong.push(`${describeWant(want)}: ${near ? `got ${describeAction(near)} (${mismatch(near, want)})` : 'nothing recorded'}`);
  }
  const extra = recorded.flatMap((a, i) => (taken.has(i) ? [] : [describeAction(a)]));
  return { right: expected.length - wrong.length, total: expected.length, wrong, extra };
}
