import { readFileSync } from 'node:fs';
import { parseReleaseInput } from '../read-release-input';
import { renderPolicies } from '../render-policies';
import { BROWSERS } from './browsers';

/**
 * The "rendered files" section of docs/admin-policy.md: what `npm run
 * package` writes for release-input.example.json, with `<id>` where your
 * extension id goes. Generated (npm run generate:policy-schema) so the doc
 * shows exactly what the renderers produce; a test keeps it current.
 */
const EXAMPLE_ID = 'abcdefghijklmnopabcdefghijklmnop';
const START = /<!-- policy-files:start[^>]*-->/;
const END = '<!-- policy-files:end -->';

export function policyFileExamples(root: URL): string {
  const raw = JSON.parse(readFileSync(new URL('release-input.example.json', root), 'utf8')) as Record<string, unknown>;
  const input = parseReleaseInput({ ...raw, extensionId: EXAMPLE_ID }, 'release-input.example.json');
  const files = renderPolicies(input);
  const show = (name: string, lang: string) => {
    const f = files.get(name)!;
    const body = Buffer.isBuffer(f) ? f.subarray(2).toString('utf16le') : f;
    return [`\`policies/${name}\`:`, '', `\`\`\`${lang}`, body.replace(/\r\n/g, '\n').trimEnd().replaceAll(EXAMPLE_ID, '<id>'), '```'].join(
      '\n',
    );
  };
  const linux = BROWSERS.map((b) => `- ${b.name}: \`${b.linuxDir}/webtrace.json\``).join('\n');
  return [
    '### Linux',
    '',
    'Copy the file for the browser into its managed policy directory (root only; browsers re-read it every few seconds):',
    '',
    linux,
    '',
    show('linux/chrome/webtrace.json', 'json'),
    '',
    '### Windows (registry or Group Policy)',
    '',
    'Run the `.reg` file as an administrator (`reg import webtrace-chrome.reg`), or copy `policies/windows/admx/webtrace.admx` to',
    "`C:\\Windows\\PolicyDefinitions\\` (or the domain's central store) and `en-US/webtrace.adml` to its `en-US\\` folder, then set",
    '*Computer Configuration → Administrative Templates → webtrace* in the Group Policy editor (the dialogs are pre-filled with your',
    'values). Strings are `REG_SZ`, booleans and integers `REG_DWORD`, lists `REG_SZ` holding JSON. The Edge file is the same under',
    '`Software\\Policies\\Microsoft\\Edge`.',
    '',
    show('windows/webtrace-chrome.reg', 'reg'),
    '',
    '### macOS (configuration profile)',
    '',
    'Upload the profile to your MDM (Jamf, Intune, Kandji…). It holds two payloads: `com.google.Chrome` with the force-install entry and',
    '`com.google.Chrome.extensions.<id>` with the settings (Edge: `com.microsoft.Edge` and `com.microsoft.Edge.extensions.<id>`).',
    '',
    show('macos/webtrace-chrome.mobileconfig', 'xml'),
    '',
    '### Google Admin console',
    '',
    'Paste into the extension\'s *Policy for extensions* field (each value wrapped in `{ "Value": … }`); the steps are in',
    '`policies/intune-and-google-admin.md`:',
    '',
    show('google-admin-console-policy.json', 'json'),
  ].join('\n');
}

/** The document with its rendered-files section replaced by the generated one. */
export function withPolicyFileExamples(doc: string, root: URL): string {
  const start = START.exec(doc);
  const end = doc.indexOf(END);
  if (!start || end < 0) throw new Error('docs/admin-policy.md lost its policy-files markers');
  return `${doc.slice(0, start.index + start[0].length)}\n${policyFileExamples(root)}\n${doc.slice(end)}`;
}
