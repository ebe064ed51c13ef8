import { managedJsonSchema } from '../../../lib/rules/policy/managed-json-schema';
import { POLICY_KEYS } from '../../../lib/schema/policy';
import type { ReleaseInput } from '../../../lib/schema/release-input';
import { BROWSERS, extensionPolicyKey, forcelistEntry } from './browsers';
import { xmlEscape as x } from './xml-escape';

/**
 * Windows Group Policy: an ADMX/ADML pair (copy to PolicyDefinitions and
 * en-US) with, per browser, "Force-install webtrace" (entry 1 of
 * ExtensionInstallForcelist) and one policy per managed setting, under the
 * extension's 3rdparty key. Defaults in the dialogs are the organisation's
 * values from the package input. Generated from the policy schema, so every
 * key the extension knows is here with its type and range.
 */
export interface AdmxPair {
  admx: string;
  adml: string;
}

export function renderAdmx(input: ReleaseInput): AdmxPair {
  const schema = managedJsonSchema().properties ?? {};
  const policies: string[] = [];
  const strings: Array<[string, string]> = [
    ['webtrace', 'webtrace'],
    ['SUPPORTED_WEBTRACE', 'Google Chrome or Microsoft Edge 120 or later'],
  ];
  const presentations: string[] = [];
  const categories: string[] = [];

  for (const b of BROWSERS) {
    if (!b.windowsKey) continue;
    const cat = `webtrace_${b.id}`;
    categories.push(`    <category name="${cat}" displayName="$(string.${cat})"><parentCategory ref="webtrace"/></category>`);
    strings.push([cat, `webtrace in ${b.name}`]);

    const force = `${b.id}_ForceInstall`;
    const entry = forcelistEntry(input.extensionId, input.updateUrl);
    policies.push(
      `    <policy name="${force}" class="Machine" displayName="$(string.${force})" explainText="$(string.${force}_Explain)" key="${x(`${b.windowsKey}\\ExtensionInstallForcelist`)}" presentation="$(presentation.${force})">`,
      `      <parentCategory ref="${cat}"/>`,
      '      <supportedOn ref="SUPPORTED_WEBTRACE"/>',
      `      <elements><text id="${force}_Entry" valueName="1" required="true"/></elements>`,
      '    </policy>',
    );
    strings.push([force, `Force-install webtrace in ${b.name}`]);
    strings.push([
      `${force}_Explain`,
      `Installs webtrace (id ${input.extensionId}) from ${input.updateUrl} and keeps it updated from there; people cannot remove it. ` +
        'It is written as entry 1 of ExtensionInstallForcelist: if you force-install other extensions, add this entry to that list instead. ' +
        'Off-store extensions are force-installed only on managed machines (joined to a domain, enrolled in MDM, or cloud-managed).',
    ]);
    presentations.push(
      `      <presentation id="${force}"><textBox refId="${force}_Entry"><label>Extension id;update URL</label><defaultValue>${x(entry)}</defaultValue></textBox></presentation>`,
    );

    const key = x(extensionPolicyKey(b.windowsKey, input.extensionId));
    for (const k of POLICY_KEYS) {
      const s = schema[k]!;
      const name = `${b.id}_${k}`;
      const value = (input.policy as Record<string, unknown>)[k];
      strings.push([name, k], [`${name}_Explain`, s.description ?? k]);
      const head = `    <policy name="${name}" class="Machine" displayName="$(string.${name})" explainText="$(string.${name}_Explain)" key="${key}"`;
      const tail = [`      <parentCategory ref="${cat}"/>`, '      <supportedOn ref="SUPPORTED_WEBTRACE"/>'];
      if (s.type === 'boolean') {
        policies.push(
          `${head} valueName="${k}">`,
          ...tail,
          '      <enabledValue><decimal value="1"/></enabledValue>',
          '      <disabledValue><decimal value="0"/></disabledValue>',
          '    </policy>',
        );
        continue;
      }
      policies.push(`${head} presentation="$(presentation.${name})">`, ...tail);
      if (s.type === 'integer') {
        const range = `${s.minimum !== undefined ? ` minValue="${s.minimum}"` : ''}${s.maximum !== undefined ? ` maxValue="${s.maximum}"` : ''}`;
        policies.push(`      <elements><decimal id="${name}_Value" valueName="${k}" required="true"${range}/></elements>`);
        const def = typeof value === 'number' ? ` defaultValue="${value}"` : '';
        presentations.push(
          `      <presentation id="${name}"><decimalTextBox refId="${name}_Value"${def}>${k}</decimalTextBox></presentation>`,
        );
      } else {
        // Strings as they are; lists and objects as JSON text, as Chrome reads them from the registry.
        policies.push(`      <elements><text id="${name}_Value" valueName="${k}" required="true" maxLength="32767"/></elements>`);
        const def = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
        const label = s.type === 'string' ? k : `${k} (JSON, e.g. ["https://app.example.com/*"])`;
        presentations.push(
          `      <presentation id="${name}"><textBox refId="${name}_Value"><label>${x(label)}</label>${def ? `<defaultValue>${x(def)}</defaultValue>` : ''}</textBox></presentation>`,
        );
      }
      policies.push('    </policy>');
    }
  }

  const admx = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- webtrace for ${x(input.organization.name)}: extension ${input.extensionId}. Generated by npm run package. -->`,
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    `    <target prefix="webtrace" namespace="Webtrace.Policies.${input.extensionId}"/>`,
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0"/>',
    '  <supportedOn><definitions><definition name="SUPPORTED_WEBTRACE" displayName="$(string.SUPPORTED_WEBTRACE)"/></definitions></supportedOn>',
    '  <categories>',
    '    <category name="webtrace" displayName="$(string.webtrace)"/>',
    ...categories,
    '  </categories>',
    '  <policies>',
    ...policies,
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\r\n');
  const adml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <displayName>webtrace</displayName>',
    '  <description>webtrace: force-install and managed settings for Google Chrome and Microsoft Edge</description>',
    '  <resources>',
    '    <stringTable>',
    ...strings.map(([id, text]) => `      <string id="${id}">${x(text)}</string>`),
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations,
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\r\n');
  return { admx, adml };
}
