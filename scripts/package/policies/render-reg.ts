import type { Policy } from '../../../lib/schema/policy';
import type { ReleaseInput } from '../../../lib/schema/release-input';
import { extensionPolicyKey, forcelistEntry } from './browsers';

/**
 * Windows: a .reg file (as regedit exports: UTF-16LE with a BOM, CRLF) that
 * force-installs the extension and sets its managed settings under
 * HKEY_LOCAL_MACHINE. Strings are REG_SZ, booleans and integers REG_DWORD,
 * lists and objects REG_SZ holding JSON (how Chrome reads complex values).
 */
export function renderRegText(input: ReleaseInput, windowsKey: string): string {
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `; webtrace for ${input.organization.name}: force-install and managed settings. Entry "1" of`,
    '; ExtensionInstallForcelist: if you force-install other extensions, give this one a free number.',
    `[HKEY_LOCAL_MACHINE\\${windowsKey}\\ExtensionInstallForcelist]`,
    `"1"=${regString(forcelistEntry(input.extensionId, input.updateUrl))}`,
    '',
    `[HKEY_LOCAL_MACHINE\\${extensionPolicyKey(windowsKey, input.extensionId)}]`,
    ...Object.entries(input.policy).map(([key, value]) => `${regString(key)}=${regValue(value as Policy[keyof Policy])}`),
    '',
  ];
  return lines.join('\r\n');
}

export function renderReg(input: ReleaseInput, windowsKey: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(renderRegText(input, windowsKey), 'utf16le')]);
}

function regValue(value: unknown): string {
  if (typeof value === 'boolean') return dword(value ? 1 : 0);
  if (typeof value === 'number') return dword(value);
  if (typeof value === 'string') return /[\r\n]/.test(value) ? regHexString(value) : regString(value);
  return regString(JSON.stringify(value));
}

function dword(n: number): string {
  return `dword:${n.toString(16).padStart(8, '0')}`;
}

/** A .reg string literal: backslashes and quotes escaped. */
function regString(s: string): string {
  if (/[\r\n]/.test(s)) throw new Error(`a quoted .reg string cannot hold a line break: ${JSON.stringify(s)}`);
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A REG_SZ with line breaks, written as regedit does: hex(1), its UTF-16LE bytes with the terminating NUL. */
function regHexString(s: string): string {
  return `hex(1):${[...Buffer.from(`${s}\0`, 'utf16le')].map((b) => b.toString(16).padStart(2, '0')).join(',')}`;
}
