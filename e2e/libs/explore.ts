/**
 * Developer tool: runs the library scenarios in a plain Chromium with the
 * action capture injected (no extension, no server) and prints, per step,
 * the actions recorded. `npx tsx e2e/libs/explore.ts [lib...]` (under the
 * browser lock). The real test is e2e/libs.spec.ts.
 */
import { chromium } from 'playwright';
import { actionBundle } from '../support/action-bundle';
import { findChromium } from '../support/find-chromium';
import { serveTestApp } from '../support/serve-test-app';
import type { Action } from '../../lib/schema/action';
import { align, counted, describeAction } from './expected-actions';
import { SCENARIOS } from './scenarios';

const only = process.argv.slice(2).map((s) => s.toLowerCase());
const app = await serveTestApp();
const browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
// WEBTRACE_SOURCE=<dir>: a checkout of an earlier version (its lib/), for before/after figures.
const bundle = await actionBundle(process.env.WEBTRACE_SOURCE);
try {
  for (const scenario of SCENARIOS) {
    if (only.length && !only.some((o) => scenario.lib.toLowerCase().includes(o))) continue;
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.log('  page error:', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log('  console error:', m.text().slice(0, 300));
    });
    await page.goto(`${app.origin}/libs/${scenario.page}`);
    await page.addScriptTag({ content: bundle });
    await page.evaluate(() => (window as any).__webtraceActions.start());
    const read = () => page.evaluate(() => (window as any).__webtraceActions.actions as Action[]);
    console.log(`== ${scenario.lib}`);
    let seen = 0;
    for (const step of scenario.steps) {
      try {
        await step.act(page);
      } catch (e) {
        console.log(`  step ${step.name} FAILED: ${(e as Error).message.split('\n')[0]}`);
      }
      await page.waitForTimeout(300);
      const all = await read();
      console.log(`  [${step.name}]`);
      for (const a of all.slice(seen))
        if (counted(a)) console.log(`     ${describeAction(a)}${process.env.FULL ? ' ' + JSON.stringify(a) : ''}`);
      seen = all.length;
    }
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const result = align(
      await read(),
      scenario.steps.flatMap((s) => s.expect),
    );
    console.log(`  => ${result.right}/${result.total} right, ${result.extra.length} extra`);
    console.log(`[figure] ${scenario.lib}: ${result.right}/${result.total} expected actions right, ${result.extra.length} extra`);
    for (const w of result.wrong) console.log(`     wrong: ${w}`);
    for (const x of result.extra) console.log(`     extra: ${x}`);
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
}
