import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Action } from '../lib/schema/action';
import type { SessionSummary } from '../lib/schema/read-api';
import { buildExtension } from '../scripts/package/build-extension';
import { readSigningKey } from '../scripts/package/extension-id';
import { publishCrx } from '../scripts/package/publish-crx';
import { dumpIndexedDb, queuedActions } from './support/dump-extension-storage';
import { startFaultProxy } from './support/fault-proxy';
import { readTree } from './support/find-secrets';
import { test, expect } from './support/fixtures';
import { launchManagedBrowser } from './support/launch-managed-browser';
import { leftoverPolicyFiles, policyUnavailableReason, removePolicyFiles, writePolicyFile } from './support/managed-policy';
import { spawnServer } from './support/server-process';
import { stopServiceWorkers } from './support/stop-service-worker';
import { askFrom } from './support/worker-control';
import type { Status } from '../lib/schema/extension-messages';

const run = promisify(execFile);
const ROOT = path.resolve('.');
const POLICY_FILE = 'webtrace-e2e-enterprise.json';
// Lets the test attach to the policy-installed extension's worker (DevTools are off for those by default).
const DEVTOOLS_FILE = 'webtrace-e2e-devtools.json';

test('the enterprise path: policy force-installs the packed CRX from the server, managed settings record, and an update to n+1 keeps queue and state', async ({
  app,
}, testInfo) => {
  test.setTimeout(300_000);
  const unavailable = await policyUnavailableReason();
  test.skip(unavailable !== null && !process.env.CI, unavailable ?? '');
  if (unavailable) throw new Error(`CI must run the enterprise test: ${unavailable}`);

  const work = await mkdtemp(path.join(os.tmpdir(), 'webtrace-e2e-enterprise-'));
  const releaseDir = path.join(work, 'release');
  const dataDir = path.join(work, 'data');
  await mkdir(releaseDir);
  await mkdir(dataDir);
  // A throwaway organisation key: the id every policy path is keyed by derives from it.
  const keyFile = path.join(work, 'org-key.pem');
  await writeFile(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const key = readSigningKey(keyFile);
  const tokens = { ingestToken: `ingest-${crypto.randomUUID()}`, readToken: `read-${crypto.randomUUID()}` };
  const server = await spawnServer({ dataDir, ...tokens, env: { WEBTRACE_RELEASE_DIR: releaseDir } });
  // Between the extension and the server, so uploads can be held on the device around the update.
  const proxy = await startFaultProxy(server.url);
  const read = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${server.url}${p}`, { headers: { Authorization: `Bearer ${tokens.readToken}` } });
    if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
    return (await res.json()) as T;
  };
  const serverClicks = async () => {
    const { sessions } = await read<{ sessions: SessionSummary[] }>('/v1/sessions');
    const clicks: Action[] = [];
    for (const s of sessions)
      clicks.push(...(await read<{ actions: Action[] }>(`/v1/sessions/${s.id}/actions`)).actions.filter((a) => a.type === 'click'));
    return clicks;
  };
  let browser: Awaited<ReturnType<typeof launchManagedBrowser>> | null = null;
  const figures: Record<string, number | string> = {};

  try {
    // 1. npm run package, as an admin runs it, from one input file.
    const version = JSON.parse(await readFile('package.json', 'utf8')).version as string;
    const input = {
      extensionId: key.extensionId,
      updateUrl: `${server.url}/updates.xml`,
      organization: { name: 'Acme e2e', profileIdentifier: 'com.acme.e2e' },
      policy: {
        ingestEndpoint: proxy.url,
        ingestToken: tokens.ingestToken,
        organizationId: 'acme-enterprise-e2e',
        allowedSites: ['http://127.0.0.1/*'],
        captureOnByDefault: true,
        employeesMayChangeSites: false,
        purposeStatement: 'Deployed by policy in the enterprise e2e test.',
      },
    };
    await writeFile(path.join(work, 'org.json'), JSON.stringify(input));
    const packStart = Date.now();
    await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/package.ts', '--input', path.join(work, 'org.json'), '--key', keyFile, '--out', releaseDir],
      { cwd: ROOT },
    );
    figures.packageSeconds = (Date.now() - packStart) / 1000;
    const served = await fetch(`${server.url}/updates.xml`);
    expect(await served.text()).toContain(`version="${version}"`);

    // 2. The rendered Chromium policy file, unchanged, in the machine-wide directory; a browser with no --load-extension.
    const policyWritten = Date.now();
    await writePolicyFile(POLICY_FILE, await readFile(path.join(releaseDir, 'policies/linux/chromium/webtrace.json'), 'utf8'));
    await writePolicyFile(DEVTOOLS_FILE, { DeveloperToolsAvailability: 1 });
    browser = await launchManagedBrowser();
    const launched = Date.now();
    let worker = await browser.waitForWorker(key.extensionId);
    figures.policyToInstalledSeconds = (Date.now() - policyWritten) / 1000;
    figures.launchToInstalledSeconds = (Date.now() - launched) / 1000;
    expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe(version);
    const context = browser.context;
    const extensionPage = (page: string) => `chrome-extension://${key.extensionId}/${page}`;

    // 3. The managed settings arrive; the person only consents.
    await expect
      .poll(() => context.pages().find((p) => p.url() === extensionPage('consent.html')) ?? null, { timeout: 30_000 })
      .not.toBeNull();
    const consent = context.pages().find((p) => p.url() === extensionPage('consent.html'))!;
    await expect(consent.locator('#purpose')).toHaveText(input.policy.purposeStatement, { timeout: 40_000 });
    figures.policyToSettingsSeconds = (Date.now() - policyWritten) / 1000;
    await consent.getByRole('button', { name: 'I agree to recording as described' }).click();
    await expect(consent.locator('#consent-state')).toHaveText(/You agreed on/);

    const page = await context.newPage();
    await page.goto(`${app.origin}/app/orders`);
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
    await expect.poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id! }), tabId)).toBe('REC');
    const edit = page.getByRole('button', { name: 'Edit' });
    await edit.nth(0).click();
    await edit.nth(1).click();
    await expect.poll(async () => (await serverClicks()).length, { timeout: 60_000 }).toBe(2);
    const files = await readTree(dataDir);
    expect(
      files.some(([, t]) => t.includes(input.policy.organizationId)),
      "the policy's organizationId travels with the trace",
    ).toBe(true);

    // 4. Uploads fail now: what is recorded next waits on the device.
    proxy.setPolicy(() => ({ kind: 'answer', status: 503 }));
    await edit.nth(2).click();
    await edit.nth(0).click();
    await edit.nth(1).click();
    const control = await context.newPage();
    await control.goto(extensionPage('popup.html'));
    const queuedClicks = async (p = control) => queuedActions(await dumpIndexedDb(p)).filter((a) => a.type === 'click').length;
    await expect.poll(() => queuedClicks(), { timeout: 30_000 }).toBe(3);
    const installId = await worker.evaluate(async () => (await chrome.storage.local.get('webtrace:installId'))['webtrace:installId']);
    const consentBefore = (await askFrom<Status>(control, { kind: 'get-status', url: null })).consent.given;
    expect(consentBefore).not.toBeNull();

    // 5. Publish n+1 on the server (same key, so the same id) and ask the browser to check for it.
    const next = version.replace(/(\d+)$/, (n) => String(Number(n) + 1));
    const buildDir = path.join(work, 'build-next');
    await publishCrx({
      builtDir: buildExtension(ROOT, 'chrome', key, input.updateUrl, buildDir),
      key,
      updateUrl: input.updateUrl,
      outDir: releaseDir,
      version: next,
    });
    const updateStart = Date.now();
    const check = await worker.evaluate(() => chrome.runtime.requestUpdateCheck());
    expect(check).toMatchObject({ status: 'update_available', version: next });
    // Chrome installs an update once the extension is idle: no page of its own open and its worker stopped
    // (while Playwright is attached the worker never stops by itself, so the test stops it as Chrome would).
    for (const p of context.pages()) if (p.url().startsWith(extensionPage(''))) await p.close();
    await stopServiceWorkers(context);
    worker = await browser.waitForWorker(key.extensionId, { version: next, timeout: 60_000 });
    figures.updateSeconds = (Date.now() - updateStart) / 1000;

    // 6. The same installation: install id, consent and the queued recordings survived the update.
    expect(await worker.evaluate(async () => (await chrome.storage.local.get('webtrace:installId'))['webtrace:installId'])).toBe(installId);
    const control2 = await context.newPage();
    await control2.goto(extensionPage('popup.html'));
    const status = await askFrom<Status>(control2, { kind: 'get-status', url: null });
    expect(status.consent.given).toEqual(consentBefore);
    expect(await queuedClicks(control2)).toBe(3);
    expect(context.pages().filter((p) => p.url() === extensionPage('consent.html')).length, 'no new consent page after an update').toBe(0);

    // 7. The server is reachable again: what was recorded before the update arrives, exactly once.
    proxy.setPolicy(() => ({ kind: 'pass' }));
    expect(await askFrom(control2, { kind: 'upload-now' })).toMatchObject({ ok: true });
    await expect.poll(async () => (await serverClicks()).length, { timeout: 60_000 }).toBe(5);
    await expect.poll(() => queuedClicks(control2)).toBe(0);

    // 8. Version n+1 records the reloaded page without anything asked of the person.
    await page.reload();
    await expect.poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id! }), tabId)).toBe('REC');
    await page.getByRole('button', { name: 'Edit' }).nth(2).click();
    await expect.poll(async () => (await serverClicks()).length, { timeout: 60_000 }).toBe(6);
    const clicks = await serverClicks();
    expect(new Set(clicks.map((c) => `${c.t}:${c.target?.nodeId}`)).size, 'every click stored once').toBe(6);
    const versions = (await readTree(dataDir)).flatMap(([, t]) => [...t.matchAll(/"extensionVersion":"([^"]+)"/g)].map((m) => m[1]));
    expect(new Set(versions)).toEqual(new Set([version, next]));

    figures.crxBytes = (await readFile(path.join(releaseDir, 'crx', `webtrace-${version}.crx`))).length;
    console.log(`enterprise figures: ${JSON.stringify(figures)}`);
    await writeFile(testInfo.outputPath('enterprise-figures.json'), JSON.stringify(figures, null, 2));
  } finally {
    await browser?.close().catch(() => {});
    await removePolicyFiles(POLICY_FILE, DEVTOOLS_FILE);
    await proxy.close();
    await server.kill('SIGTERM');
    await rm(work, { recursive: true, force: true });
    expect(await leftoverPolicyFiles(), 'test policy files left in the managed directory').toEqual([]);
  }
});
