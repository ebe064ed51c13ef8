import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { POLICY_KEYS } from '../../lib/schema/policy';
import { BROWSERS, extensionPolicyKey } from '../../scripts/package/policies/browsers';
import { withPolicyFileExamples } from '../../scripts/package/policies/doc-examples';
import { renderPolicies } from '../../scripts/package/render-policies';
import { INPUT } from './fixtures';

const files = renderPolicies(INPUT);
const text = (name: string) => {
  const f = files.get(name);
  if (f === undefined) throw new Error(`${name} was not rendered`);
  return typeof f === 'string' ? f : f.toString('utf8');
};
const DOC = readFileSync(new URL('../../docs/admin-policy.md', import.meta.url), 'utf8');
const FORCE = `${INPUT.extensionId};${INPUT.updateUrl}`;

/** Parses XML strictly: any warning or error fails. */
function parseXml(xml: string, name: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${name}: ${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
}

/** The keys and values of a .reg file (regedit's format), decoded. */
function parseReg(bytes: Buffer): Map<string, Map<string, unknown>> {
  expect(bytes.subarray(0, 2).toString('hex'), 'UTF-16LE byte order mark').toBe('fffe');
  const lines = bytes.subarray(2).toString('utf16le').split('\r\n');
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  const keys = new Map<string, Map<string, unknown>>();
  let current: Map<string, unknown> | null = null;
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith(';')) continue;
    const key = /^\[(.+)\]$/.exec(line);
    if (key) {
      keys.set(key[1]!, (current = new Map()));
      continue;
    }
    const m = /^"((?:[^"\\]|\\.)*)"=(.*)$/.exec(line);
    if (!m || !current) throw new Error(`not a .reg line: ${line}`);
    const raw = m[2]!;
    const str = /^"((?:[^"\\]|\\.)*)"$/.exec(raw);
    if (str) current.set(m[1]!, str[1]!.replace(/\\(.)/g, '$1'));
    else if (raw.startsWith('dword:')) current.set(m[1]!, parseInt(raw.slice(6), 16));
    else if (raw.startsWith('hex(1):'))
      current.set(
        m[1]!,
        Buffer.from(
          raw
            .slice(7)
            .split(',')
            .map((h) => parseInt(h, 16)),
        )
          .toString('utf16le')
          .replace(/\0$/, ''),
      );
    else throw new Error(`unknown .reg value: ${raw}`);
  }
  return keys;
}

describe('rendered policy files', () => {
  it('Linux: JSON for Chrome, Chromium and Edge that force-installs from the update URL and carries the policy', () => {
    for (const b of BROWSERS) {
      const json = JSON.parse(text(`linux/${b.id}/webtrace.json`));
      expect(json).toEqual({ ExtensionInstallForcelist: [FORCE], '3rdparty': { extensions: { [INPUT.extensionId]: INPUT.policy } } });
      expect(DOC, `docs/admin-policy.md names ${b.linuxDir}`).toContain(`${b.linuxDir}/webtrace.json`);
    }
  });

  it('Windows: .reg files at the documented keys, every value decoding back to the policy', () => {
    for (const b of BROWSERS.filter((x) => x.windowsKey)) {
      const reg = parseReg(files.get(`windows/webtrace-${b.id}.reg`) as Buffer);
      const forceKey = `HKEY_LOCAL_MACHINE\\${b.windowsKey}\\ExtensionInstallForcelist`;
      const policyKey = `HKEY_LOCAL_MACHINE\\${extensionPolicyKey(b.windowsKey!, INPUT.extensionId)}`;
      expect([...reg.keys()]).toEqual([forceKey, policyKey]);
      for (const k of [forceKey, policyKey]) expect(DOC, `docs/admin-policy.md shows ${k}`).toContain(k.replace(INPUT.extensionId, '<id>'));
      expect(reg.get(forceKey)).toEqual(new Map([['1', FORCE]]));
      const decoded = Object.fromEntries(
        [...reg.get(policyKey)!].map(([k, v]) => {
          const original = (INPUT.policy as Record<string, unknown>)[k];
          if (typeof original === 'boolean') return [k, v === 1];
          if (Array.isArray(original)) return [k, JSON.parse(v as string)];
          return [k, v];
        }),
      );
      expect(decoded).toEqual(INPUT.policy);
    }
  });

  it('Windows: a well-formed ADMX/ADML pair with force-install and every policy key per browser, every string defined', () => {
    const admx = parseXml(text('windows/admx/webtrace.admx'), 'webtrace.admx');
    const adml = parseXml(text('windows/admx/en-US/webtrace.adml'), 'webtrace.adml');
    const names = Array.from(admx.getElementsByTagName('policy')).map((p) => p.getAttribute('name'));
    for (const b of ['chrome', 'edge']) {
      expect(names).toContain(`${b}_ForceInstall`);
      for (const k of POLICY_KEYS) expect(names).toContain(`${b}_${k}`);
    }
    const stringIds = new Set(Array.from(adml.getElementsByTagName('string')).map((s) => s.getAttribute('id')));
    const presentationIds = new Set(Array.from(adml.getElementsByTagName('presentation')).map((s) => s.getAttribute('id')));
    for (const [, id] of text('windows/admx/webtrace.admx').matchAll(/\$\(string\.([^)]+)\)/g)) expect(stringIds.has(id!), id).toBe(true);
    for (const [, id] of text('windows/admx/webtrace.admx').matchAll(/\$\(presentation\.([^)]+)\)/g))
      expect(presentationIds.has(id!), id).toBe(true);
    // The dialogs are pre-filled with the organisation's values.
    const force = Array.from(adml.getElementsByTagName('presentation')).find((p) => p.getAttribute('id') === 'chrome_ForceInstall')!;
    expect(force.getElementsByTagName('defaultValue')[0]!.textContent).toBe(FORCE);
    const token = Array.from(adml.getElementsByTagName('presentation')).find((p) => p.getAttribute('id') === 'edge_ingestToken')!;
    expect(token.getElementsByTagName('defaultValue')[0]!.textContent).toBe(INPUT.policy.ingestToken);
  });

  it('macOS: a complete configuration profile per browser, checked with a plist parser', () => {
    for (const b of BROWSERS.filter((x) => x.macDomain)) {
      const xml = text(`macos/webtrace-${b.id}.mobileconfig`);
      parseXml(xml, `webtrace-${b.id}.mobileconfig`);
      const profile = parsePlist(xml) as Record<string, unknown> & { PayloadContent: Array<Record<string, unknown>> };
      expect(profile).toMatchObject({
        PayloadType: 'Configuration',
        PayloadVersion: 1,
        PayloadScope: 'System',
        PayloadOrganization: INPUT.organization.name,
      });
      const [force, settings] = profile.PayloadContent;
      expect(force).toMatchObject({ PayloadType: b.macDomain, ExtensionInstallForcelist: [FORCE] });
      expect(settings!.PayloadType).toBe(`${b.macDomain}.extensions.${INPUT.extensionId}`);
      expect(DOC).toContain(`${b.macDomain}.extensions.<id>`);
      const {
        PayloadType: _t,
        PayloadVersion: _v,
        PayloadIdentifier: _i,
        PayloadUUID: _u,
        PayloadDisplayName: _d,
        PayloadEnabled: _e,
        ...policy
      } = settings!;
      expect(policy).toEqual(INPUT.policy);
      const uuids = [profile, force!, settings!].map((p) => p.PayloadUUID as string);
      for (const u of uuids) expect(u).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
      expect(new Set(uuids).size).toBe(3);
      // Rendering again gives the same profile, so a redeploy replaces it rather than adding another.
      expect(renderPolicies(INPUT).get(`macos/webtrace-${b.id}.mobileconfig`)).toBe(xml);
    }
  });

  it('Google Admin console: the policy JSON in its { "Value": ... } form, and the console steps name the id and URL', () => {
    const json = JSON.parse(text('google-admin-console-policy.json'));
    expect(Object.keys(json)).toEqual(Object.keys(INPUT.policy));
    expect(json.allowedSites).toEqual({ Value: INPUT.policy.allowedSites });
    const steps = text('intune-and-google-admin.md');
    expect(steps).toContain(`\`${FORCE}\``);
    expect(steps).toMatch(/Microsoft Intune \(Windows\)[\s\S]*Microsoft Intune \(macOS\)[\s\S]*Google Admin console/);
  });
});

describe('docs/admin-policy.md', () => {
  it('shows the policy files exactly as npm run package renders them (npm run generate:policy-schema)', () => {
    expect(withPolicyFileExamples(DOC, new URL('../../', import.meta.url))).toBe(DOC);
  });
});
