import type { StepAction } from '../../lib/schema/dataset-step-action';
import type { StepControl, StepTarget } from '../../lib/schema/dataset-step-target';

/**
 * The step in words, as an agent would be told it: what to do, to which
 * element (role and name), in which control (a choice's combobox or menu
 * button) and in which row. Built only from fields the row already carries
 * (names are scrubbed when recorded, a typed value is only its length), so
 * it says nothing the row does not.
 */
export function instructionOf(action: StepAction, target: StepTarget | null, url: string): string {
  const el = target ? element(target) : 'the page';
  const where = target ? context(target) : '';
  const keyboard = action.via === 'keyboard' ? ' with the keyboard' : '';
  switch (action.type) {
    case 'click': {
      const verb =
        action.button === 'double'
          ? 'Double-click'
          : action.button === 'right'
            ? 'Right-click'
            : action.button === 'middle'
              ? 'Middle-click'
              : 'Click';
      const held = action.modifiers.length ? ` holding ${action.modifiers.join('+')}` : '';
      return `${verb} ${el}${where}${held}${keyboard}`;
    }
    case 'select':
      return `Choose ${choice(action)}${chosenIn(target)}${keyboard}`;
    case 'check':
      return `${action.checked === false ? 'Uncheck' : 'Check'} ${el}${where}${keyboard}`;
    case 'type':
      return `Type ${action.value_length ?? 0} characters into ${el}${where}`;
    case 'submit':
      return `Submit ${el}${action.submitter ? ` with ${described(action.submitter.role, action.submitter.tag, action.submitter.name)}` : ''}${target?.frame_path.length ? ' in an embedded frame' : ''}`;
    case 'key': {
      const combo = [...action.modifiers, action.key ?? ''].filter(Boolean).join('+');
      return `Press ${combo}${target ? ` in ${el}${where}` : ''}`;
    }
    case 'scroll': {
      const d = action.scroll_delta;
      const moved = d
        ? [
            d.y ? `${d.y > 0 ? 'down' : 'up'} ${Math.abs(Math.round(d.y))} px` : '',
            d.x ? `${d.x > 0 ? 'right' : 'left'} ${Math.abs(Math.round(d.x))} px` : '',
          ]
            .filter(Boolean)
            .join(' and ')
        : '';
      return `Scroll ${target ? `${el} ` : ''}${moved || 'the page'}`.trimEnd();
    }
    case 'navigate':
      return `Go to ${url}`;
  }
}

/** `"Research"`, `"15" (2024-03-15)`, `"Europe > Germany > Berlin"`. */
function choice(action: StepAction): string {
  const label = quote(action.value ?? '');
  return action.value_date ? `${label} (${action.value_date})` : label;
}

/** A choice is made in its control; a native <select> is its own control. */
function chosenIn(target: StepTarget | null): string {
  if (!target) return '';
  const control: Pick<StepControl, 'role' | 'tag' | 'name'> | null = target.control ?? (target.tag === 'select' ? target : null);
  const rows = target.ancestors.filter((a) => a.role === 'row');
  const row = rows.length ? ` in the row ${quote(rows[0]!.name)}` : '';
  if (!control) return ` in ${element(target)}${context(target)}`;
  const frame = target.frame_path.length ? ' in an embedded frame' : '';
  return ` in ${described(control.role, control.tag, control.name)}${row}${frame}`;
}

function element(t: StepTarget): string {
  return described(t.role, t.tag, t.name || t.label || t.placeholder || '');
}

/** The nearest row, else the nearest named dialog or form; and the frame the target is in. */
function context(t: StepTarget): string {
  const row = t.ancestors.find((a) => a.role === 'row');
  const near = row ?? t.ancestors.find((a) => a.name && (a.role === 'dialog' || a.role === 'alertdialog' || a.role === 'form'));
  const place = near ? ` in the ${near.role} ${quote(near.name)}` : '';
  return `${place}${t.frame_path.length ? ' in an embedded frame' : ''}`;
}

function described(role: string | null, tag: string, name: string): string {
  const what = role ?? `<${tag}>`;
  return name ? `the ${what} ${quote(name)}` : `the ${what}`;
}

const quote = (s: string): string => `"${s.replace(/\s+/g, ' ').trim()}"`;
