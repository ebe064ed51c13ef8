import type { Action } from '../../schema/action';
import type { ActionDraft } from '../action-draft';
import type { CaptureContext } from '../context';
import { describeTarget } from '../target/describe-target';
import { clampText } from '../text';
import { choiceOwner, isSubmenuOwner } from './choice-owner';
import { exposedDate, itemLabel, levelsBefore } from './choice-label';
import { isDateCell, liveOpener, type FoundChoice } from './find-choice';

const MAX_LEVELS = 6;

export type How = Pick<Action, 'via' | 'point' | 'modifiers'>;

/**
 * The `select` for a choice: the item as target, the owning control as
 * `control` (the target's ancestors are the control's: the popup's own DOM
 * parents, a portal at the end of <body>, say nothing), the label the person
 * saw (the path through the levels for cascaders and submenus) and, for a
 * date cell, the machine-readable date.
 */
export function describeChoice(
  ctx: CaptureContext,
  found: FoundChoice,
  how: How,
  focused?: Element | null,
  hit?: Element | null,
): ActionDraft {
  const { item, popup } = found;
  // The focused combobox whose aria-activedescendant chose, else the control that opened a popup last.
  const opener = focused ?? liveOpener(ctx.gesture.opener, ctx.now());
  const target = describeTarget(ctx, item, hit);
  const exposure = ctx.privacy.exposure(item);
  const day = isDateCell(item);
  const levels = levelsBefore(item, popup);
  const labels = [...levels.map((l) => itemLabel(l)), itemLabel(item, day)];
  let owner = choiceOwner(item, popup, opener);
  // A submenu's owner is an item of the menu above: its label leads the path (unless the columns
  // already gave it), its owner is the control.
  for (let level = 0; owner && isSubmenuOwner(owner) && level < MAX_LEVELS; level++) {
    if (!levels.includes(owner)) labels.unshift(itemLabel(owner));
    const next = choiceOwner(owner, owner.closest('[role="menu"], [role="listbox"]'), opener === owner ? null : opener);
    if (next === owner) break;
    owner = next;
  }
  const label = clampText(ctx.privacy.expose(labels.filter(Boolean).join(' > '), exposure));
  const date = day ? exposedDate(item) : null;
  const draft: ActionDraft = {
    type: 'select',
    target,
    value: { kind: 'label', label, ...(date && exposure !== 'blocked' ? { date } : {}) },
    ...how,
  };
  if (owner) {
    const control = describeTarget(ctx, owner);
    draft.control = control;
    target.ancestors = control.ancestors;
  }
  return draft;
}
