import { fieldAttributesOf, isNeverCaptured } from './never-captured';

/**
 * What a masked <option> value (and a masked <select> value) becomes: the
 * option's position, "*0", "*1"… It says nothing of the value, but each option
 * keeps a value of its own and the select the one of its chosen option, so a
 * replay selects the option that was chosen (with every value masked to
 * stars, the replayer picked the first option of the same length). Never for
 * a select that is a never-captured field (payment expiry month, say): there
 * the position is the value, and everything stays stars.
 */
export function choiceToken(index: number): string {
  return `*${index}`;
}

/** The token of a live option (its index) or select (its chosen option's index); null: mask with stars. */
export function liveChoiceToken(el: Element): string | null {
  const select = el.localName === 'select' ? (el as HTMLSelectElement) : el.localName === 'option' ? el.closest('select') : null;
  if (!select || isNeverCaptured(fieldAttributesOf(select))) return null;
  const index = el.localName === 'option' ? (el as HTMLOptionElement).index : select.selectedIndex;
  return index >= 0 ? choiceToken(index) : '';
}
