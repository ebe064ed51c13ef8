import { access, constants, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Policy } from '../../lib/schema/policy';
import { EXTENSION_ID } from './launch-extension';
import { findChromium } from './find-chromium';

/**
 * A real browser policy for the extension, the way admins deliver it on Linux:
 * a JSON file in Debian Chromium's managed policy directory. Machine-wide, so
 * it needs root, must be removed afterwards, and its tests must not run in
 * parallel with other browser tests (Playwright runs one worker).
 */
export const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'webtrace-e2e.json');

/** Why a policy test cannot run here, or null when it can. */
export async function policyUnavailableReason(): Promise<string | null> {
  if (findChromium() !== '/usr/bin/chromium') {
    return `managed-policy tests need Debian's /usr/bin/chromium (it reads ${POLICY_DIR}); found ${findChromium()}`;
  }
  try {
    await mkdir(POLICY_DIR, { recursive: true });
    await access(POLICY_DIR, constants.W_OK);
    return null;
  } catch {
    return `cannot write ${POLICY_DIR}: run as root (CI does) or sudo mkdir -p ${POLICY_DIR} && sudo chown $USER ${POLICY_DIR}`;
  }
}

export async function writePolicy(policy: Policy | Record<string, unknown>): Promise<void> {
  const body = { '3rdparty': { extensions: { [EXTENSION_ID]: policy } } };
  // Write then rename, so the browser never reads half a file.
  await writeFile(`${POLICY_FILE}.tmp`, JSON.stringify(body, null, 2));
  await rename(`${POLICY_FILE}.tmp`, POLICY_FILE);
}

export async function removePolicy(): Promise<void> {
  await rm(POLICY_FILE, { force: true });
  await rm(`${POLICY_FILE}.tmp`, { force: true });
}

/** Writes one whole policy file (any Chromium policies, not only the extension's) into the managed directory. */
export async function writePolicyFile(name: string, body: unknown): Promise<void> {
  if (!/^webtrace-e2e[\w-]*\.json$/.test(name)) throw new Error(`test policy files are named webtrace-e2e*.json, not ${name}`);
  const file = path.join(POLICY_DIR, name);
  await writeFile(`${file}.tmp`, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  await rename(`${file}.tmp`, file);
}

export async function removePolicyFiles(...names: string[]): Promise<void> {
  for (const name of names) {
    await rm(path.join(POLICY_DIR, name), { force: true });
    await rm(path.join(POLICY_DIR, `${name}.tmp`), { force: true });
  }
}

/** Test policy files still in the machine-wide directory (a test that crashed may have left them). */
export async function leftoverPolicyFiles(): Promise<string[]> {
  const names = await readdir(POLICY_DIR).catch(() => [] as string[]);
  return names.filter((n) => n.startsWith('webtrace-e2e'));
}
