/**
 * Where each browser reads policy, per platform: the documented locations
 * (docs/admin-policy.md shows them; a test checks the rendered files and the
 * doc against this table).
 */
export interface BrowserPolicyPlace {
  id: 'chrome' | 'chromium' | 'edge';
  name: string;
  /** Linux: the managed policy directory (root-owned; every *.json in it is read). */
  linuxDir: string;
  /** Windows: the browser's policy key under HKEY_LOCAL_MACHINE; null where the browser has none (Chromium). */
  windowsKey: string | null;
  /** macOS: the browser's preference domain (force-install) and its extensions' domain prefix; null: no macOS build here. */
  macDomain: string | null;
}

export const BROWSERS: readonly BrowserPolicyPlace[] = [
  {
    id: 'chrome',
    name: 'Google Chrome',
    linuxDir: '/etc/opt/chrome/policies/managed',
    windowsKey: 'Software\\Policies\\Google\\Chrome',
    macDomain: 'com.google.Chrome',
  },
  {
    id: 'chromium',
    name: 'Chromium',
    linuxDir: '/etc/chromium/policies/managed',
    windowsKey: null,
    macDomain: null,
  },
  {
    id: 'edge',
    name: 'Microsoft Edge',
    linuxDir: '/etc/opt/edge/policies/managed',
    windowsKey: 'Software\\Policies\\Microsoft\\Edge',
    macDomain: 'com.microsoft.Edge',
  },
];

export function browser(id: BrowserPolicyPlace['id']): BrowserPolicyPlace {
  return BROWSERS.find((b) => b.id === id)!;
}

/** The registry key the extension's managed settings live under. */
export function extensionPolicyKey(windowsKey: string, extensionId: string): string {
  return `${windowsKey}\\3rdparty\\extensions\\${extensionId}\\policy`;
}

/** One ExtensionInstallForcelist entry: install this id from this update URL. */
export function forcelistEntry(extensionId: string, updateUrl: string): string {
  return `${extensionId};${updateUrl}`;
}
