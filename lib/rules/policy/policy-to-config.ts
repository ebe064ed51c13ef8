import { DEFAULT_CONFIG } from '../config/default-config';
import type { Config } from '../../schema/config';
import { screenshotsConfig } from './screenshots-config';
import type { Policy } from '../../schema/policy';

/**
 * The configuration an organisation's policy puts in force. Under a policy,
 * nothing of the local configuration applies, and a site is recordable only
 * if the policy allows it: no allowedSites means no site.
 */
export function policyToConfig(policy: Policy): Config {
  const d = DEFAULT_CONFIG;
  const interval = policy.uploadIntervalSeconds ?? d.uploadIntervalSeconds;
  const screenshots = screenshotsConfig(policy.screenshots);
  return {
    ...d,
    endpoint: policy.ingestEndpoint ?? d.endpoint,
    ingestToken: policy.ingestToken ?? d.ingestToken,
    orgId: policy.organizationId ?? null,
    sites: policy.allowedSites ?? [],
    blockedSites: policy.blockedSites ?? [],
    captureOnByDefault: policy.captureOnByDefault ?? d.captureOnByDefault,
    employeesMayChangeSites: policy.employeesMayChangeSites ?? d.employeesMayChangeSites,
    pauseAllowed: policy.pauseAllowed ?? d.pauseAllowed,
    recordingIndicator: policy.recordingIndicator ?? d.recordingIndicator,
    maskAllText: policy.maskAllText ?? d.maskAllText,
    maskTextSelector: policy.maskSelectors?.length ? policy.maskSelectors.join(', ') : null,
    blockSelector: policy.blockSelectors?.length ? policy.blockSelectors.join(', ') : null,
    upload: {
      ...d.upload,
      delayMs: Math.min(d.upload.delayMs, interval * 1000),
      maxBatchBytes: policy.batchMaxBytes ?? d.upload.maxBatchBytes,
      maxBatchChunks: policy.batchMaxChunks ?? d.upload.maxBatchChunks,
    },
    uploadIntervalSeconds: interval,
    localCapBytes: policy.localStorageCapMB ? policy.localStorageCapMB * 1024 * 1024 : d.localCapBytes,
    retentionDays: policy.localRetentionDays ?? d.retentionDays,
    // Screenshots change what is captured: turning them on asks everyone again (lib/rules/consent).
    consentVersion: Math.max(d.consentVersion, policy.consentVersion ?? 0) + (screenshots ? 1 : 0),
    organizationNotice: policy.organizationNotice ?? null,
    purposeStatement: policy.purposeStatement ?? null,
    screenshots,
    privacy: { captureValues: policy.captureValues ?? [], keepControlNames: policy.keepControlNames ?? false },
  };
}
