// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { tabRunNav } from '../../server/viewer/web/session/tab-run-nav';
import { makeSummaries } from './fake-read-client';

describe("the session page's tab run", () => {
  it('lists every session of the run in order, each a link but the open one, which is marked', () => {
    const run = makeSummaries(3, ['https://shop.example', 'https://pay.example']);
    const nav = tabRunNav(run, run[1]!.id)!;
    expect(nav.getAttribute('aria-label')).toBe('Sessions of this tab');
    expect([...nav.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['1. Page 0', '2. Page 1', '3. Page 2']);
    expect([...nav.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      `#/sessions/${run[0]!.id}`,
      `#/sessions/${run[2]!.id}`,
    ]);
    expect(nav.querySelector('[aria-current=page]')!.textContent).toBe('2. Page 1');
  });

  it('names a session without a title by its host, and shows nothing for a session alone in its run', () => {
    const [only] = makeSummaries(1, ['https://shop.example']);
    expect(tabRunNav([only!], only!.id)).toBeNull();
    const untitled = makeSummaries(2, ['https://shop.example', 'https://pay.example']).map((s) => ({ ...s, titles: [] }));
    expect(tabRunNav(untitled, untitled[0]!.id)!.querySelector('a')!.textContent).toBe('2. pay.example');
  });
});
