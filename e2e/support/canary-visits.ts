import { expect, type Page } from '@playwright/test';
import { autofillCard, pasteInto, typeInto } from './canary-driver';
import { chooseOption } from './choose-option';
import type { CanaryPage } from './canary-vectors';
import type { CanaryPages } from './serve-canary-pages';

/** How the canary suites (e2e/canary.spec.ts, e2e/export-canary.spec.ts) visit each canary page and plant its values. */
export type Drive = (page: Page, v: (id: string) => string, pages: CanaryPages) => Promise<void>;

export const VISITS: ReadonlyArray<{ page: CanaryPage; path: (v: (id: string) => string) => string; drive: Drive }> = [
  {
    page: 'forms',
    path: () => '/canary/forms.html',
    drive: async (page, v) => {
      await typeInto(page, '#nickname', v('input-typed'));
      await typeInto(page, '#notes', v('textarea-typed'));
      await typeInto(page, '#editor', v('contenteditable-typed'));
      await typeInto(page, '#password', v('password-typed'));
      await typeInto(page, '#otp', v('otp-typed'));
      await typeInto(page, '#email', v('email-field-typed'));
      await typeInto(page, '#qty', v('number-typed'));
      await typeInto(page, '#search', v('search-typed'));
      await typeInto(page, '#controlled', v('controlled-value-attribute'));
      await expect(page.locator('#controlled')).toHaveAttribute('value', v('controlled-value-attribute'));
      await chooseOption(page.locator('#plan'), 'Standard');
      await page.locator('#agree').check();
      await page.locator('#fast').check();
      await page.locator('#upload').setInputFiles({ name: `${v('file-name')}.txt`, mimeType: 'text/plain', buffer: Buffer.from('x') });
      await page.locator('#fill').click();
      await expect(page.locator('#filled')).toHaveValue(v('script-set-after'));
      await page.locator('#set-hidden').click();
      await typeInto(page, '#secret', v('password-shown-typed'));
      await page.locator('#show').click();
      await expect(page.locator('#secret')).toHaveAttribute('type', 'text');
      await typeInto(page, '#nickname', '!'); // focus moves on: the shown password field is left
      await pasteInto(page, '#paste-field', v('paste-input'));
      await expect(page.locator('#paste-field')).toHaveValue(v('paste-input'));
      await pasteInto(page, '#paste-editor', v('paste-editor'));
      await expect(page.locator('#paste-editor')).toHaveText(v('paste-editor'));
      await autofillCard(page, '#cc-number', { number: v('autofill-card').replace(/ /g, ''), name: v('autofill-name') });
      await expect(page.locator('#cc-number')).toHaveValue(v('autofill-card').replace(/ /g, ''));
      await expect(page.locator('#cc-name')).toHaveValue(v('autofill-name'));
      await expect(page.locator('#preset')).toHaveValue(v('script-set-before'));
    },
  },
  {
    page: 'text',
    path: () => '/canary/text.html',
    drive: async (page, v) => {
      await page.locator('#split').click();
      await page.locator('#call').click();
      await page.getByRole('button', { name: 'Open row' }).click();
      await typeInto(page, '#notify', 'hello');
      await chooseOption(page.locator('#contact-choice'), v('email-option-label'));
      await page.locator('#opt-b').click();
      await page.locator('#update').click();
      await expect(page.locator('#status')).toContainText(v('phone-text-changed'));
      await expect(page).toHaveTitle(`Inbox of ${v('email-title-script')}`);
    },
  },
  {
    page: 'regions',
    path: () => '/canary/regions.html',
    drive: async (page) => {
      await page.locator('#blocked-button').click();
      await page.locator('#masked-button').click();
      await page.locator('#admin-blocked-button').click();
      await page.locator('#vault-host button').click();
      await page.locator('#editor').click();
    },
  },
  {
    page: 'shadow',
    path: () => '/canary/shadow.html',
    drive: async (page, v) => {
      await typeInto(page, '#shadow-input', v('shadow-typed'));
    },
  },
  {
    page: 'frame',
    path: () => '/canary/frame.html',
    drive: async (page, v) => {
      const frame = page.frameLocator('#inner');
      await frame.locator('#frame-input').click();
      await page.keyboard.type(v('frame-typed'));
      await expect(frame.locator('#frame-input')).toHaveValue(v('frame-typed'));
    },
  },
  {
    page: 'spa',
    path: (v) => `/canary/spa.html?session=${v('load-url-query')}#state=${v('load-url-fragment')}`,
    drive: async (page) => {
      for (const step of ['#push-query', '#hash', '#profile', '#order']) {
        await page.locator(step).click();
        await page.locator('#ping').click();
      }
      await expect(page).toHaveURL(/\/canary\/orders\//);
    },
  },
];

/** Values used on pages besides the vectors' own: the two halves of the split card. */
export function pageValues(values: Map<string, string>): Map<string, string> {
  const split = values.get('card-split')!;
  return new Map([...values, ['card-split-first', split.slice(0, 9)], ['card-split-second', split.slice(10)]]);
}
