// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ambiguousNear, NEAR_BUDGET, neighbourhood } from '../../lib/actions/selectors/near';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the neighbourhood of a target', () => {
  it('is a few levels up, never <body> or above, never above the scope it is given', () => {
    document.body.innerHTML = '<main><table><tbody><tr><td><button id="b">x</button></td></tr></tbody></table></main>';
    const b = document.getElementById('b')!;
    expect(neighbourhood(b)!.localName).toBe('table');
    expect(neighbourhood(b, b.closest('tr'))!.localName).toBe('tr');
    document.body.innerHTML = '<button id="top">x</button>';
    expect(neighbourhood(document.getElementById('top')!)).toBeNull();
  });

  it('proves ambiguity from two matches near the target, looking at no more than its budget of elements', () => {
    document.body.innerHTML = `<div><div><div><ul>${'<li><span>a</span></li>'.repeat(NEAR_BUDGET)}<li><button>Go</button></li></ul></div></div></div>`;
    const first = document.createElement('button');
    first.textContent = 'Go';
    const list = document.querySelector('ul')!;
    list.firstElementChild!.append(first);
    // The other Go lies past the budget: not proven here (the page-wide count decides).
    expect(ambiguousNear(first, 'button')).toBe(false);
    list.children[1]!.append(Object.assign(document.createElement('button'), { textContent: 'Go' }));
    expect(ambiguousNear(first, 'button')).toBe(true);
    expect(ambiguousNear(first, 'button', (c) => c === first)).toBe(false);
  });
});
