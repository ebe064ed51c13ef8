import type { ReleaseInput } from '../../lib/schema/release-input';
import { BROWSERS } from './policies/browsers';
import { renderAdmx } from './policies/render-admx';
import { renderConsoleSteps, renderGoogleAdminPolicy } from './policies/render-console-steps';
import { renderLinuxPolicy } from './policies/render-linux';
import { renderMobileconfig } from './policies/render-mobileconfig';
import { renderReg } from './policies/render-reg';

/** Every policy file of a release, by its path under `policies/`, filled in from the one input file. */
export function renderPolicies(input: ReleaseInput): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  for (const b of BROWSERS) {
    files.set(`linux/${b.id}/webtrace.json`, renderLinuxPolicy(input));
    if (b.windowsKey) files.set(`windows/webtrace-${b.id}.reg`, renderReg(input, b.windowsKey));
    if (b.macDomain) files.set(`macos/webtrace-${b.id}.mobileconfig`, renderMobileconfig(input, { ...b, macDomain: b.macDomain }));
  }
  const { admx, adml } = renderAdmx(input);
  files.set('windows/admx/webtrace.admx', admx);
  files.set('windows/admx/en-US/webtrace.adml', adml);
  files.set('intune-and-google-admin.md', renderConsoleSteps(input));
  files.set('google-admin-console-policy.json', renderGoogleAdminPolicy(input));
  return files;
}
