import { describe, expect, it } from 'vitest';
import type { Action } from '../../lib/schema/action';
import { describeAction } from '../../server/viewer/web/session/describe-action';
import { makeAction } from '../server/fixtures';

describe('an action as a row of the list', () => {
  it('shows role and accessible name, and the first selector that matched one element', () => {
    const a: Action = {
      ...makeAction('click', 1),
      target: {
        ...makeAction('click', 1).target!,
        role: 'button',
        name: 'Edit',
        selectors: [
          { kind: 'role', value: 'role=button[name="Edit"]', matches: 3 },
          { kind: 'css', value: 'tbody > tr:nth-of-type(2) button.edit', matches: 1 },
        ],
      },
    };
    expect(describeAction(a)).toEqual({
      type: 'click',
      target: 'button "Edit"',
      selector: 'tbody > tr:nth-of-type(2) button.edit',
      selectorKind: 'css',
      detail: '',
      context: 'in form "Login"',
    });
  });

  it('shows a typed value only as masked, with its length', () => {
    const a: Action = { ...makeAction('type', 1), value: { kind: 'masked', length: 12 } };
    expect(describeAction(a).detail).toBe('typed 12 characters (masked)');
  });

  it('says what was chosen, checked, pressed, scrolled or navigated', () => {
    const base = makeAction('click', 1);
    expect(describeAction({ ...base, type: 'select', value: { kind: 'label', label: 'Shipped' } }).detail).toBe('chose "Shipped"');
    expect(describeAction({ ...base, type: 'check', checked: false }).detail).toBe('unchecked');
    expect(describeAction({ ...base, type: 'key', key: 'Control+K' }).detail).toBe('Control+K');
    expect(describeAction({ ...base, type: 'scroll', scroll: { x: 0, y: 412.6 } }).detail).toBe('to 0, 413');
    expect(describeAction({ ...base, button: 'right' }).detail).toBe('right click');
    const nav: Action = { ...base, type: 'navigate', target: null, navigation: 'push', url: 'http://x/app/orders' };
    expect(describeAction(nav)).toMatchObject({ target: '', selector: '', detail: 'push: http://x/app/orders' });
  });

  it('falls back to the tag when there is no role, and to the first selector when none is unique', () => {
    const base = makeAction('click', 1);
    const a: Action = {
      ...base,
      target: { ...base.target!, role: null, tag: 'div', name: '', selectors: [{ kind: 'xpath', value: '//div[3]', matches: 2 }] },
    };
    expect(describeAction(a)).toMatchObject({ target: 'div', selector: '//div[3]', selectorKind: 'xpath' });
  });

  it('gives the row and form an action happened in, the control of a choice and the button that submitted', () => {
    const base = makeAction('click', 1);
    const inRow: Action = {
      ...base,
      target: {
        ...base.target!,
        ancestors: [
          { role: 'row', name: 'EX-1003' },
          { role: 'form', name: 'Orders' },
        ],
      },
    };
    expect(describeAction(inRow).context).toBe('in row "EX-1003", form "Orders"');
    const choice: Action = {
      ...base,
      type: 'select',
      target: { ...base.target!, ancestors: [] },
      control: { ...base.target!, role: 'combobox', name: 'Status' },
    };
    expect(describeAction(choice).context).toBe('via combobox "Status"');
    const submit: Action = {
      ...base,
      type: 'submit',
      target: { ...base.target!, ancestors: [{ role: 'form', name: 'New order' }] },
      submitter: { tag: 'button', role: 'button', name: 'Save', nodeId: 9 },
    };
    expect(describeAction(submit).context).toBe('in form "New order"; submitted by button "Save"');
    expect(describeAction({ ...base, target: null }).context).toBe('');
  });
});
