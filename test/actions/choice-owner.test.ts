// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { capture, cleanup, $, click } from './helpers';

afterEach(cleanup);

const pointer = (type: string, el: Element) =>
  el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, button: 0, detail: 1 }));

describe('a choice names its control', () => {
  it('an option in a portal listbox names the combobox that controls it', () => {
    const h = capture(`
      <div id="root"><label id="cc-label">Cost center</label>
        <div role="combobox" tabindex="0" aria-labelledby="cc-label" aria-controls="menu" aria-expanded="true">Choose</div></div>
      <div id="portal"><ul role="listbox" id="menu" aria-labelledby="cc-label"><li role="option">Engineering</li><li role="option">Research</li></ul></div>`);
    click($('[role=combobox]'));
    const option = $('li:nth-of-type(2)');
    pointer('pointerdown', option);
    pointer('pointerup', option);
    click(option);
    const select = h.after().find((a) => a.type === 'select')!;
    expect(select.control?.role).toBe('combobox');
    expect(select.control?.name).toBe('Cost center');
  });
});
