import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { dumpIndexedDb, queuedActions } from './support/dump-extension-storage';
import { askWorker } from './support/extension-control';
import { readTree, secretsIn } from './support/find-secrets';
import { test, expect } from './support/fixtures';
import { policyUnavailableReason, removePolicy, writePolicy } from './support/managed-policy';
import { badgeOf, tabIdOf } from './support/tab-id';

// Text the policy masks (maskSelectors: .account-note): it must not be stored anywhere.
const MASKED_TEXT = 'Grace Marlowe-Quist';
const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

test.describe.configure({ mode: 'serial' });

test("the organisation's managed policy sets the endpoint, allowed and blocked sites and masking, and changes take effect live", async ({
  server,
  app,
  ext,
}, testInfo) => {
  const unavailable = await policyUnavailableReason();
  test.skip(unavailable !== null && !process.env.CI, unavailable ?? '');
  if (unavailable) throw new Error(`CI must run the managed-policy test: ${unavailable}`);
  const port = new URL(app.origin).port;
  const blockedOrigin = `http://localhost:${port}`;
  const base = {
    ingestEndpoint: server.url,
    ingestToken: server.ingestToken,
    organizationId: 'acme-e2e',
    allowedSites: ['http://127.0.0.1/*', 'http://localhost/*'],
    blockedSites: ['http://localhost/*'],
    captureOnByDefault: true,
    employeesMayChangeSites: false,
    maskSelectors: ['.account-note'],
    purposeStatement: 'Recordings are not used to evaluate employees.',
    organizationNotice: 'Questions: privacy@acme.example',
  };
  try {
    // Written before the browser starts: the extension waits for it before deciding anything.
    await writePolicy(base);
    const browser = await ext.relaunch();
    const control = await browser.context.newPage();
    await control.goto(browser.extensionUrl('consent.html'));
    await expect(control.locator('#purpose')).toHaveText(base.purposeStatement);
    await expect(control.locator('#org-notice')).toHaveText(base.organizationNotice);
    await control.screenshot({ path: testInfo.outputPath('consent-with-policy.png'), fullPage: true });
    await control.getByRole('button', { name: 'I agree to recording as described' }).click();
    await expect(control.locator('#consent-state')).toHaveText(/You agreed on/);

    // Allowed and on by default: recorded without the person switching anything on.
    const page = await browser.context.newPage();
    await page.goto(`${app.origin}/app/orders`);
    const tabId = await tabIdOf(browser, page);
    await expect.poll(() => badgeOf(browser, tabId)).toBe('REC');
    await page.getByRole('button', { name: 'Edit' }).first().click();

    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tabId=${tabId}`));
    await expect(popup.locator('#capture')).toHaveText('Recording.');
    await expect(popup.locator('#config')).toHaveText(`Sending to ${server.url} (your organisation's policy).`);
    await expect(popup.getByRole('switch', { name: 'Record this site' })).toBeHidden();

    // Blocked: beats "allowed" and "on by default".
    const blocked = await browser.context.newPage();
    await blocked.goto(`${blockedOrigin}/app/orders`);
    await blocked.getByRole('button', { name: 'Edit' }).first().click();
    const blockedTab = await tabIdOf(browser, blocked);
    await popup.goto(browser.extensionUrl(`popup.html?tabId=${blockedTab}`));
    await expect(popup.locator('#capture')).toHaveText(/never records this site/);

    // Uploads go to the policy's endpoint with its token; the masked text never leaves the page.
    await expect
      .poll(async () => (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions.length, { timeout: 20_000 })
      .toBe(1);
    const [session] = (await server.read<{ sessions: SessionSummary[] }>('/v1/sessions')).sessions;
    expect(session!.site).toBe(app.origin);
    await expect
      .poll(async () =>
        (await server.read<{ actions: Action[] }>(`/v1/sessions/${session!.id}/actions`)).actions.some((a) => a.type === 'click'),
      )
      .toBe(true);
    const files = await readTree(server.dataDir);
    expect(
      files.some(([, text]) => text.includes('acme-e2e')),
      'organizationId travels with the trace',
    ).toBe(true);
    for (const [file, text] of files) expect(secretsIn(text, [MASKED_TEXT]), file).toEqual([]);

    // Live change 1: a new consent version asks again, and nothing is recorded until the person agrees.
    const consentPages = () => browser.context.pages().filter((p) => p.url().endsWith('/consent.html')).length;
    const before = consentPages();
    await writePolicy({ ...base, ingestEndpoint: CLOSED_ENDPOINT, consentVersion: 7 });
    const required = async () =>
      ((await askWorker(browser, { kind: 'get-status', url: null })) as { consent: { required: number } }).consent.required;
    await expect.poll(required, { timeout: 20_000 }).toBe(7);
    // The consent page opens again by itself.
    await expect.poll(consentPages).toBe(before + 1);
    await popup.goto(browser.extensionUrl(`popup.html?tabId=${tabId}`));
    await expect(popup.locator('#capture')).toHaveText(/not agreed/);
    await expect.poll(() => badgeOf(browser, tabId)).toBe('');
    expect(await askWorker(browser, { kind: 'give-consent', version: 7 })).toMatchObject({ ok: true });
    await page.reload();
    await expect.poll(() => badgeOf(browser, tabId)).toBe('REC');
    await page.getByRole('button', { name: 'Edit' }).nth(2).click();
    // Queued locally (the endpoint is closed now).
    const queuedClicks = async () => queuedActions(await dumpIndexedDb(popup)).filter((a) => a.type === 'click').length;
    await expect.poll(queuedClicks).toBeGreaterThanOrEqual(1);

    // Live change 2: the site becomes blocked: recording stops and its unsent data is discarded.
    await writePolicy({
      ...base,
      ingestEndpoint: CLOSED_ENDPOINT,
      consentVersion: 7,
      blockedSites: ['http://localhost/*', 'http://127.0.0.1/*'],
    });
    // Chromium re-reads policy files every few seconds.
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 20_000 }).toBe('');
    await expect.poll(queuedClicks, { timeout: 10_000 }).toBe(0);
    await popup.reload();
    await expect(popup.locator('#capture')).toHaveText(/never records this site/);
    expect(await browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([
      expect.objectContaining({ excludeMatches: ['http://127.0.0.1/*', 'http://localhost/*'] }),
    ]);
  } finally {
    await removePolicy();
  }
});

test('an invalid policy turns capture off and says which key is wrong', async ({ server, app, ext }, testInfo) => {
  const unavailable = await policyUnavailableReason();
  test.skip(unavailable !== null && !process.env.CI, unavailable ?? '');
  try {
    // Both values pass Chrome's own schema check (it drops values of the wrong type or out of range
    // itself, visible in chrome://policy), so it is the extension that must catch them.
    await writePolicy({ ingestEndpoint: 'not a url', allowedSites: ['http://127.0.0.1/*'], captureOnByDefault: true, maskSelectors: [''] });
    const browser = await ext.relaunch();
    expect(await askWorker(browser, { kind: 'give-consent', version: 1 })).toMatchObject({ ok: true });
    const page = await browser.context.newPage();
    await page.goto(`${app.origin}/app/orders`);
    const tabId = await tabIdOf(browser, page);
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tabId=${tabId}`));
    await expect(popup.locator('#error')).toContainText('invalid ingestEndpoint');
    await expect(popup.locator('#capture')).toHaveText(/settings unavailable/);
    const status = (await askWorker(browser, { kind: 'get-status', url: `${app.origin}/` })) as {
      config: { policyIssues: Array<{ key: string }> };
    };
    expect(status.config.policyIssues.map((i) => i.key).sort()).toEqual(['ingestEndpoint', 'maskSelectors']);
    expect(await browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    expect((await server.read<{ sessions: unknown[] }>('/v1/sessions')).sessions).toEqual([]);

    // The options page says which source is in force and which keys were ignored, and why.
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await expect(options.locator('#source')).toHaveText(/your organisation's managed policy/);
    await expect(options.locator('#blocked')).toContainText('invalid ingestEndpoint');
    await expect(options.locator('#issues tr')).toHaveCount(2);
    await expect(options.locator('#issues')).toContainText('maskSelectors');
    await options.screenshot({ path: testInfo.outputPath('options-invalid-policy.png'), fullPage: true });
  } finally {
    await removePolicy();
  }
});
