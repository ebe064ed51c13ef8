import type { ReleaseInput } from '../../../lib/schema/release-input';
import { forcelistEntry } from './browsers';

/** Google Admin console's "Policy for extensions" field: each value wrapped as { "Value": … }. */
export function renderGoogleAdminPolicy(input: ReleaseInput): string {
  const wrapped = Object.fromEntries(Object.entries(input.policy).map(([k, v]) => [k, { Value: v }]));
  return `${JSON.stringify(wrapped, null, 2)}\n`;
}

/** Step by step, with this organisation's values filled in: Microsoft Intune, then Google Admin console. */
export function renderConsoleSteps(input: ReleaseInput): string {
  const entry = forcelistEntry(input.extensionId, input.updateUrl);
  return `# Deploying webtrace with Microsoft Intune or the Google Admin console

Organisation: ${input.organization.name}
Extension id: \`${input.extensionId}\`
Update URL: \`${input.updateUrl}\`
Force-install entry: \`${entry}\`

Browsers install an extension from your own update URL only when the machine is managed: joined to
an Active Directory or Entra ID domain, enrolled in MDM (Intune, Jamf…), or a browser enrolled in
Chrome Enterprise Core / Edge management. On an unmanaged machine the entry is ignored.

## Microsoft Intune (Windows)

1. **Force-install, Chrome.** Devices → Configuration → Create → New policy; platform *Windows 10
   and later*, profile type *Settings catalog*. Add the setting *Google Chrome → Extensions →
   Configure the list of force-installed apps and extensions*, enable it and add the entry
   \`${entry}\`.
2. **Force-install, Edge.** In the same or another settings-catalog profile: *Microsoft Edge →
   Extensions → Control which extensions are installed silently*, enable it and add \`${entry}\`.
3. **Managed settings.** Devices → Configuration → Import ADMX: upload
   \`policies/windows/admx/webtrace.admx\` with \`policies/windows/admx/en-US/webtrace.adml\`. Then
   Create → New policy → *Templates* → *Imported Administrative templates*, open *webtrace →
   webtrace in Google Chrome* (and *… in Microsoft Edge*) and enable each setting; the dialogs are
   pre-filled with your values. (Instead of steps 1–3 you can run
   \`policies/windows/webtrace-chrome.reg\` / \`webtrace-edge.reg\` on each machine, e.g. from a
   PowerShell platform script: \`reg import webtrace-chrome.reg\`.)
4. Assign the profiles to the device groups, and check a machine: \`chrome://policy\` /
   \`edge://policy\` lists ExtensionInstallForcelist and, under the extension's id, its settings.

## Microsoft Intune (macOS)

1. Devices → Configuration → Create → New policy; platform *macOS*, profile type *Templates →
   Custom*.
2. Upload \`policies/macos/webtrace-chrome.mobileconfig\` (and, for Edge,
   \`webtrace-edge.mobileconfig\` as a second profile); deployment channel *Device channel*.
3. Assign to the device groups. On a Mac: System Settings → Privacy & Security → Profiles lists
   *webtrace for Google Chrome*.

## Google Admin console (Chrome Enterprise Core, cloud-managed browsers)

1. Enrol the browsers: Devices → Chrome → Managed browsers → enrolment token, deployed with the
   machines' usual tooling (the token makes the browser cloud-managed).
2. Devices → Chrome → Apps & extensions → *Users & browsers*; choose the organisational unit.
3. Add (+) → *Add Chrome app or extension by ID*: id \`${input.extensionId}\`, *From a custom URL*,
   URL \`${input.updateUrl}\`. Save.
4. Select it: installation policy *Force install*; in *Policy for extensions* paste the content of
   \`policies/google-admin-console-policy.json\`. Save.
5. Browsers pick up the change within hours; \`chrome://policy\` → *Reload policies* does it at once.
`;
}
