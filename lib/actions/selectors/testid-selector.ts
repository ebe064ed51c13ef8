import type { Selector } from '../../schema/action';
import { cssString } from './css-escape';
import { countCss, type QueryRoot } from './query-count';

/** Test-id attributes in the order they are looked for. */
export const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-cy'] as const;

export interface TestId {
  attribute: (typeof TEST_ID_ATTRIBUTES)[number];
  value: string;
}

export function readTestId(el: Element): TestId | null {
  for (const attribute of TEST_ID_ATTRIBUTES) {
    const value = el.getAttribute(attribute);
    if (value) return { attribute, value };
  }
  return null;
}

export function testIdSelector(root: QueryRoot, testId: TestId): Selector {
  const value = `[${testId.attribute}=${cssString(testId.value)}]`;
  return { kind: 'testid', value, matches: countCss(root, value) };
}
