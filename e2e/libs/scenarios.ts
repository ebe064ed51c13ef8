import type { Page } from 'playwright';
import type { ExpectedAction } from './expected-actions';

/**
 * What a person does on each library page, by mouse and by keyboard, and the
 * actions that must come out of it: one step per gesture, each with exactly
 * the actions it should produce (navigate and scroll are not counted).
 */
export interface Step {
  name: string;
  act(page: Page): Promise<void>;
  expect: ExpectedAction[];
}

export interface Scenario {
  lib: string;
  page: string;
  /**
   * The dropdowns whose chosen option the replay must show at the end: [css selector, text].
   * (A choice shown as an input's value is masked in the replay by design: those are left out.)
   */
  replayShows?: Array<[string, string]>;
  steps: Step[];
}

const status = (page: Page, text: string | RegExp) => page.locator('#status').filter({ hasText: text }).waitFor({ timeout: 10_000 });

const CC = { role: 'combobox', name: 'Cost center' };

/** Radix moves the focus to its first option once the popper is placed (and again if it re-renders). */
const focusInListbox = (page: Page) =>
  page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'option', undefined, { timeout: 10_000 });

/**
 * Arrows down to `label` as a person watching the highlight does: Radix may move the focus back to
 * its first option while it settles, so a press that was undone is pressed again.
 */
async function arrowDownTo(page: Page, label: string): Promise<void> {
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  for (let presses = 0; presses < 6 && (await focused()) !== label; presses++) {
    const before = await focused();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((b) => (document.activeElement?.textContent ?? '') !== b, before, { timeout: 2_000 }).catch(() => {});
  }
}

export const SCENARIOS: Scenario[] = [
  {
    lib: 'MUI',
    page: 'mui.html',
    replayShows: [
      ['[aria-labelledby^="cost-center-label"]', 'Research'],
      ['[aria-labelledby^="currency-label"]', 'GBP'],
    ],
    steps: [
      {
        name: 'open Cost center',
        act: (p) => p.getByRole('combobox', { name: 'Cost center' }).click(),
        expect: [{ type: 'click', ...CC }],
      },
      {
        name: 'choose Research',
        act: async (p) => {
          await p.getByRole('option', { name: 'Research' }).click();
          await status(p, 'Cost center: Research');
        },
        expect: [{ type: 'select', role: 'option', label: 'Research', control: CC }],
      },
      {
        name: 'open Currency by keyboard',
        act: async (p) => {
          await p.getByRole('combobox', { name: 'Currency' }).focus();
          await p.keyboard.press('Enter');
          await p.getByRole('listbox').waitFor();
        },
        expect: [{ type: 'click', role: 'combobox', name: 'Currency', via: 'keyboard' }],
      },
      {
        name: 'choose GBP by keyboard',
        act: async (p) => {
          await p.keyboard.press('ArrowDown');
          await p.keyboard.press('ArrowDown');
          await p.keyboard.press('Enter');
          await status(p, 'Currency: GBP');
        },
        expect: [{ type: 'select', label: 'GBP', control: { role: 'combobox', name: 'Currency' }, via: 'keyboard' }],
      },
      {
        name: 'History tab',
        act: (p) => p.getByRole('tab', { name: 'History' }).click(),
        expect: [{ type: 'click', role: 'tab', name: 'History' }],
      },
      {
        name: 'Details tab by keyboard',
        act: async (p) => {
          await p.keyboard.press('ArrowLeft');
          await p.keyboard.press('Enter');
          await status(p, 'Tab 0');
        },
        expect: [{ type: 'click', role: 'tab', name: 'Details', via: 'keyboard' }],
      },
      {
        name: 'type a description',
        act: async (p) => {
          await p.getByLabel('Description').click();
          await p.keyboard.type('Taxi to airport');
        },
        expect: [
          { type: 'click', role: 'textbox', name: 'Description' },
          { type: 'type', role: 'textbox', name: 'Description', length: 15 },
        ],
      },
      {
        name: 'Billable',
        act: (p) => p.getByLabel('Billable').click(),
        expect: [{ type: 'check', role: 'checkbox', name: 'Billable', checked: true }],
      },
      {
        name: 'row actions',
        act: (p) =>
          p
            .getByRole('row', { name: /EX-1003/ })
            .getByRole('button', { name: 'Actions' })
            .click(),
        expect: [{ type: 'click', role: 'button', name: 'Actions', row: 'EX-1003' }],
      },
      {
        name: 'archive',
        act: async (p) => {
          await p.getByRole('menuitem', { name: 'Archive' }).click();
          await status(p, 'Archived EX-1003');
        },
        expect: [{ type: 'select', role: 'menuitem', label: 'Archive', control: { role: 'button', name: 'Actions' }, row: 'EX-1003' }],
      },
      {
        name: 'save',
        act: async (p) => {
          await p.getByRole('button', { name: 'Save' }).click();
          await status(p, 'Saved');
        },
        expect: [
          { type: 'click', role: 'button', name: 'Save' },
          { type: 'submit', role: 'form', name: 'Expense', submitter: 'Save' },
        ],
      },
    ],
  },
  {
    lib: 'Ant Design',
    page: 'antd.html',
    replayShows: [
      ['.ant-select:has(#expense_costCenter)', 'Sales'],
      ['.ant-select:has(#expense_office)', 'Europe / Germany / Berlin'],
    ],
    steps: [
      {
        name: 'open Cost center',
        act: (p) => p.getByRole('combobox', { name: 'Cost center' }).click(),
        expect: [{ type: 'click', ...CC }],
      },
      {
        name: 'choose Research',
        act: async (p) => {
          await p.locator('.ant-select-item-option[title="Research"]').click();
          await status(p, 'Cost center: research');
        },
        expect: [{ type: 'select', label: 'Research', control: CC }],
      },
      {
        name: 'choose Sales by keyboard',
        act: async (p) => {
          await p.getByRole('combobox', { name: 'Cost center' }).focus();
          await p.keyboard.press('ArrowDown');
          await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor();
          await p.keyboard.press('ArrowDown');
          await p.keyboard.press('Enter');
          await status(p, 'Cost center: sales');
        },
        expect: [{ type: 'select', label: 'Sales', control: CC, via: 'keyboard' }],
      },
      {
        name: 'open Office',
        act: (p) => p.getByRole('combobox', { name: 'Office' }).click(),
        expect: [{ type: 'click', role: 'combobox', name: 'Office' }],
      },
      {
        name: 'Europe',
        act: (p) => p.locator('.ant-cascader-menu-item[title="Europe"]').click(),
        expect: [{ type: 'click', name: 'Europe' }],
      },
      {
        name: 'Germany',
        act: (p) => p.locator('.ant-cascader-menu-item[title="Germany"]').click(),
        expect: [{ type: 'click', name: 'Germany' }],
      },
      {
        name: 'Berlin',
        act: async (p) => {
          await p.locator('.ant-cascader-menu-item[title="Berlin"]').click();
          await status(p, 'Office: europe/germany/berlin');
        },
        expect: [{ type: 'select', label: 'Europe > Germany > Berlin', control: { role: 'combobox', name: 'Office' } }],
      },
      { name: 'open Expense date', act: (p) => p.getByLabel('Expense date').click(), expect: [{ type: 'click', name: 'Expense date' }] },
      {
        name: 'pick the 15th',
        act: async (p) => {
          await p.locator('td[title="2024-03-15"]').click();
          await status(p, 'Date: 2024-03-15');
        },
        expect: [{ type: 'select', label: '15', date: '2024-03-15', control: { name: 'Expense date' } }],
      },
      {
        name: 'row actions',
        act: (p) =>
          p
            .getByRole('row', { name: /EX-1002/ })
            .getByRole('button', { name: 'Actions' })
            .click(),
        expect: [{ type: 'click', role: 'button', name: 'Actions', row: 'EX-1002' }],
      },
      {
        name: 'archive',
        act: async (p) => {
          await p.getByRole('menuitem', { name: 'Archive' }).click();
          await status(p, 'archive EX-1002');
        },
        expect: [{ type: 'select', role: 'menuitem', label: 'Archive', control: { role: 'button', name: 'Actions' }, row: 'EX-1002' }],
      },
      {
        name: 'save',
        act: async (p) => {
          await p.getByRole('button', { name: 'Save' }).click();
          await status(p, 'Saved');
        },
        expect: [
          { type: 'click', role: 'button', name: 'Save' },
          { type: 'submit', role: 'form', name: 'Expense', submitter: 'Save' },
        ],
      },
    ],
  },
  {
    lib: 'Radix',
    page: 'radix.html',
    replayShows: [
      ['#cost-center', 'Research'],
      ['#currency', 'USD'],
    ],
    steps: [
      {
        name: 'open Cost center',
        act: (p) => p.getByRole('combobox', { name: 'Cost center' }).click(),
        expect: [{ type: 'click', ...CC }],
      },
      {
        name: 'choose Research',
        act: async (p) => {
          await p.getByRole('option', { name: 'Research' }).click();
          await status(p, 'Cost center: Research');
        },
        expect: [{ type: 'select', role: 'option', label: 'Research', control: CC }],
      },
      {
        name: 'open Currency by keyboard',
        act: async (p) => {
          await p.getByRole('combobox', { name: 'Currency' }).focus();
          await p.keyboard.press('Enter');
          await focusInListbox(p);
        },
        expect: [{ type: 'click', role: 'combobox', name: 'Currency', via: 'keyboard' }],
      },
      {
        name: 'choose USD by keyboard',
        act: async (p) => {
          await arrowDownTo(p, 'USD');
          await p.keyboard.press('Enter');
          await status(p, 'Currency: USD');
        },
        expect: [{ type: 'select', role: 'option', label: 'USD', control: { role: 'combobox', name: 'Currency' }, via: 'keyboard' }],
      },
      {
        name: 'save',
        act: async (p) => {
          await p.getByRole('button', { name: 'Save' }).click();
          await status(p, 'Saved');
        },
        expect: [
          { type: 'click', role: 'button', name: 'Save' },
          { type: 'submit', role: 'form', name: 'Expense', submitter: 'Save' },
        ],
      },
    ],
  },
  {
    lib: 'Headless UI',
    page: 'headless.html',
    replayShows: [['button[aria-haspopup="listbox"]', 'Sales']],
    steps: [
      {
        name: 'open Cost center',
        act: (p) => p.getByRole('button', { name: /Cost center/ }).click(),
        expect: [{ type: 'click', role: 'button', name: /^Cost center/ }],
      },
      {
        name: 'choose Research',
        act: async (p) => {
          await p.getByRole('option', { name: 'Research' }).click();
          await status(p, 'Cost center: Research');
        },
        expect: [{ type: 'select', role: 'option', label: 'Research', control: { role: 'button', name: /^Cost center/ } }],
      },
      {
        name: 'open by keyboard',
        act: async (p) => {
          await p.getByRole('button', { name: /Cost center/ }).focus();
          await p.keyboard.press('Space');
          await p.getByRole('listbox').waitFor();
        },
        expect: [{ type: 'click', role: 'button', name: /^Cost center/, via: 'keyboard' }],
      },
      {
        name: 'choose Sales by keyboard',
        act: async (p) => {
          await p.keyboard.press('ArrowDown');
          await p.keyboard.press('Enter');
          await status(p, 'Cost center: Sales');
        },
        expect: [{ type: 'select', role: 'option', label: 'Sales', control: { role: 'button', name: /^Cost center/ }, via: 'keyboard' }],
      },
      {
        name: 'approver type-ahead',
        act: async (p) => {
          await p.getByRole('combobox', { name: 'Approver' }).click();
          await p.keyboard.type('Bo');
          await p.getByRole('option', { name: 'Bo Lindqvist' }).waitFor();
        },
        expect: [{ type: 'click', role: 'combobox', name: 'Approver' }],
      },
      {
        name: 'choose Bo',
        act: async (p) => {
          await p.getByRole('option', { name: 'Bo Lindqvist' }).click();
          await status(p, 'Approver: Bo Lindqvist');
        },
        expect: [
          { type: 'type', role: 'combobox', name: 'Approver', length: 2 },
          { type: 'select', role: 'option', label: 'Bo Lindqvist', control: { role: 'combobox', name: 'Approver' } },
        ],
      },
      {
        name: 'row actions',
        act: (p) =>
          p
            .getByRole('row', { name: /EX-1004/ })
            .getByRole('button', { name: 'Actions' })
            .click(),
        expect: [{ type: 'click', role: 'button', name: 'Actions', row: 'EX-1004' }],
      },
      {
        name: 'approve',
        act: async (p) => {
          await p.getByRole('menuitem', { name: 'Approve' }).click();
          await status(p, 'Approved EX-1004');
        },
        expect: [{ type: 'select', role: 'menuitem', label: 'Approve', control: { role: 'button', name: 'Actions' }, row: 'EX-1004' }],
      },
    ],
  },
  {
    lib: 'react-select',
    page: 'react-select.html',
    replayShows: [
      ['form > div:nth-of-type(1)', 'Research'],
      ['form > div:nth-of-type(2)', 'GBP'],
    ],
    steps: [
      {
        name: 'open Cost center on its placeholder',
        // The placeholder lies under the (empty) input: a person clicks on it; Playwright must not wait for it to be "hit".
        act: (p) => p.getByText('Select...').first().click({ force: true }),
        expect: [{ type: 'click', ...CC }],
      },
      {
        name: 'choose Research',
        act: async (p) => {
          await p.getByRole('option', { name: 'Research' }).click();
          await status(p, 'Cost center: Research');
        },
        expect: [{ type: 'select', role: 'option', label: 'Research', control: CC }],
      },
      {
        name: 'type-ahead Currency',
        act: async (p) => {
          await p.keyboard.press('Tab');
          await p.keyboard.type('gb');
          await p.getByRole('option', { name: 'GBP' }).waitFor();
        },
        expect: [{ type: 'key', key: 'Tab' }],
      },
      {
        name: 'choose GBP by Enter',
        act: async (p) => {
          await p.keyboard.press('Enter');
          await status(p, 'Currency: GBP');
        },
        expect: [
          { type: 'type', role: 'combobox', name: 'Currency', length: 2 },
          { type: 'select', role: 'option', label: 'GBP', control: { role: 'combobox', name: 'Currency' }, via: 'keyboard' },
        ],
      },
      {
        name: 'save',
        act: async (p) => {
          await p.getByRole('button', { name: 'Save' }).click();
          await status(p, 'Saved');
        },
        expect: [
          { type: 'click', role: 'button', name: 'Save' },
          { type: 'submit', role: 'form', name: 'Expense', submitter: 'Save' },
        ],
      },
    ],
  },
  {
    lib: 'react-datepicker',
    page: 'datepicker.html',
    steps: [
      {
        name: 'open Expense date',
        act: (p) => p.getByLabel('Expense date').click(),
        expect: [{ type: 'click', role: 'textbox', name: 'Expense date' }],
      },
      {
        name: 'pick the 15th',
        act: async (p) => {
          await p.getByRole('gridcell', { name: /March 15th, 2024/ }).click();
          await status(p, 'Date: Fri Mar 15 2024');
        },
        expect: [{ type: 'select', label: '15', date: '2024-03-15', control: { role: 'textbox', name: 'Expense date' } }],
      },
      {
        name: 'pick the 18th by keyboard',
        act: async (p) => {
          await p.getByLabel('Expense date').click();
          await p.getByRole('gridcell', { name: /March 15th, 2024/ }).waitFor();
          await p.keyboard.press('ArrowDown'); // into the calendar, on the chosen day
          await p.keyboard.press('ArrowDown');
          await p.keyboard.press('ArrowLeft');
          await p.keyboard.press('ArrowLeft');
          await p.keyboard.press('ArrowLeft');
          await p.keyboard.press('ArrowLeft');
          await p.keyboard.press('Enter');
          await status(p, 'Date: Mon Mar 18 2024');
        },
        expect: [
          { type: 'click', role: 'textbox', name: 'Expense date' },
          { type: 'select', label: '18', date: '2024-03-18', control: { role: 'textbox', name: 'Expense date' }, via: 'keyboard' },
        ],
      },
    ],
  },
  {
    lib: 'tiptap',
    page: 'tiptap.html',
    steps: [
      {
        name: 'write two paragraphs',
        act: async (p) => {
          await p.getByRole('textbox', { name: 'Notes' }).click();
          await p.keyboard.type('Hello');
          await p.keyboard.press('Enter');
          await p.keyboard.type('World');
        },
        expect: [{ type: 'click', role: 'textbox', name: 'Notes' }],
      },
      {
        name: 'save notes',
        act: async (p) => {
          await p.getByRole('button', { name: 'Save notes' }).click();
          await status(p, /Saved \d+/);
        },
        expect: [
          { type: 'type', role: 'textbox', name: 'Notes', length: 11 },
          { type: 'click', role: 'button', name: 'Save notes' },
        ],
      },
    ],
  },
  {
    lib: 'Element Plus (Vue)',
    page: 'element-plus.html',
    replayShows: [['.el-select', 'Research']],
    steps: [
      { name: 'open Cost center', act: (p) => p.getByText('Choose a cost center').click(), expect: [{ type: 'click', ...CC }] },
      {
        name: 'choose Research',
        act: async (p) => {
          await p.getByRole('option', { name: 'Research' }).click();
          await status(p, 'Cost center: Research');
        },
        expect: [{ type: 'select', role: 'option', label: 'Research', control: CC }],
      },
      // The form item's label is not tied to the cascader's input: its accessible name is the placeholder.
      {
        name: 'open Office',
        act: (p) => p.getByPlaceholder('Choose an office').click(),
        expect: [{ type: 'click', name: 'Choose an office' }],
      },
      {
        name: 'Europe',
        act: (p) => p.getByRole('menuitem', { name: 'Europe' }).click(),
        expect: [{ type: 'click', role: 'menuitem', name: 'Europe' }],
      },
      {
        name: 'Germany',
        act: (p) => p.getByRole('menuitem', { name: 'Germany' }).click(),
        expect: [{ type: 'click', role: 'menuitem', name: 'Germany' }],
      },
      {
        name: 'Berlin',
        act: async (p) => {
          await p.getByRole('menuitem', { name: 'Berlin' }).click();
          await status(p, 'Office: europe/germany/berlin');
        },
        expect: [{ type: 'select', label: 'Europe > Germany > Berlin', control: { name: 'Choose an office' } }],
      },
      {
        name: 'open Expense date',
        act: (p) => p.getByPlaceholder('Pick a day').click(),
        expect: [{ type: 'click', name: 'Expense date' }],
      },
      {
        // Element Plus's day cells expose no machine-readable date (no title, datetime or aria-label).
        name: 'pick the 15th',
        act: async (p) => {
          await p.locator('.el-date-table td.available').filter({ hasText: /^15$/ }).click();
          await status(p, 'Date: 2024-03-15');
        },
        expect: [{ type: 'select', label: '15', control: { name: 'Expense date' } }],
      },
      {
        name: 'row actions',
        act: (p) =>
          p
            .getByRole('row', { name: /EX-1001/ })
            .getByRole('button', { name: 'Actions' })
            .click(),
        expect: [{ type: 'click', role: 'button', name: 'Actions', row: 'EX-1001' }],
      },
      {
        name: 'approve',
        act: async (p) => {
          await p.getByRole('menuitem', { name: 'Approve' }).click();
          await status(p, 'Approved EX-1001');
        },
        expect: [{ type: 'select', role: 'menuitem', label: 'Approve', control: { role: 'button', name: 'Actions' }, row: 'EX-1001' }],
      },
    ],
  },
];
