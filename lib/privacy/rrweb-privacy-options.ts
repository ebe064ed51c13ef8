import type { recordOptions } from 'rrweb';
import { liveChoiceToken } from './choice-token';
import { maskText } from './mask-text';
import { blockSelectorOf, maskSelectorOf, type PrivacyPolicy } from './policy';
import type { ValueAllowance } from './value-allowance';

/**
 * rrweb's masking switches, with `input` (a tag name) among them: rrweb looks
 * options up by tag as well as by type, so this masks every <input> whatever
 * its type (hidden and file included, which `maskAllInputs` leaves out).
 * Checkbox and radio values are not masked by rrweb in any case: the event
 * scrubber does it.
 */
const MASK_EVERY_INPUT = {
  input: true,
  textarea: true,
  select: true,
  password: true,
  hidden: true,
  file: true,
  text: true,
  email: true,
  tel: true,
  url: true,
  search: true,
  number: true,
  range: true,
  color: true,
  date: true,
  'datetime-local': true,
  month: true,
  time: true,
  week: true,
} as recordOptions<unknown>['maskInputOptions'];

/** Input types whose value is the button's visible label: not typed, scrubbed as text later. */
const LABEL_TYPES = new Set(['button', 'submit', 'reset']);

/** The privacy half of rrweb's options; rrweb-options.ts adds the rest. */
export function rrwebPrivacyOptions(
  policy: PrivacyPolicy,
  allowValue: ValueAllowance,
  plugins: NonNullable<recordOptions<unknown>['plugins']>,
): Partial<recordOptions<unknown>> {
  return {
    maskAllInputs: false, // it would replace maskInputOptions with a list that misses hidden and file inputs
    maskInputOptions: MASK_EVERY_INPUT,
    maskInputFn: (value, element) => {
      const type = (element as HTMLInputElement | null)?.type ?? '';
      if (element && (allowValue(element) || (element.localName === 'input' && LABEL_TYPES.has(type)))) return value;
      // A select keeps which option is chosen (its position), never the option's value.
      const token = element?.localName === 'select' ? liveChoiceToken(element) : null;
      return token ?? '*'.repeat(value.length);
    },
    maskTextSelector: policy.maskAllText ? '*' : maskSelectorOf(policy),
    maskTextFn: (text) => maskText(text),
    blockSelector: blockSelectorOf(policy),
    plugins,
  };
}
