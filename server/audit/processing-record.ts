import { z } from 'zod';
import type { ProcessingFacts } from './processing-facts';

/** GET /v1/admin/processing-record: the items of GDPR Art. 30(1), each in words an auditor reads. */
export const processingRecordSchema = z.object({
  record: z.literal('GDPR Art. 30(1) record of processing activities'),
  generatedAt: z.string(),
  controller: z.string(),
  purposes: z.array(z.string()),
  categoriesOfDataSubjects: z.array(z.string()),
  categoriesOfPersonalData: z.array(z.string()),
  neverCollected: z.array(z.string()),
  recipients: z.array(z.string()),
  transfers: z.array(z.string()),
  erasureTimeLimits: z.array(z.string()),
  securityMeasures: z.array(z.string()),
});
export type ProcessingRecord = z.infer<typeof processingRecordSchema>;

/** Pure: the same facts and time give the same record. */
export function buildProcessingRecord(facts: ProcessingFacts, now: number): ProcessingRecord {
  const { retention, safeguards: s } = facts;
  const controller = facts.controller
    ? [facts.controller.name, facts.controller.contact, facts.controller.dpo && `DPO: ${facts.controller.dpo}`].filter(Boolean).join('; ')
    : 'not set: name the controller and its contact in the settings';
  return {
    record: 'GDPR Art. 30(1) record of processing activities',
    generatedAt: new Date(now).toISOString(),
    controller,
    purposes: [...facts.purposes, ...facts.notFor.map((p) => `Not for: ${p}`)],
    categoriesOfDataSubjects: facts.dataSubjects,
    categoriesOfPersonalData: facts.dataCategories.map((c) => `${c.name}: ${c.detail}`),
    neverCollected: facts.neverCollected,
    recipients: facts.recipients.map((r) => `${r.who} (${r.access})`),
    transfers: facts.transfers.length ? facts.transfers : ['None'],
    erasureTimeLimits: [
      retention.days === null
        ? 'No retention limit set: sessions are kept until erased'
        : `Sessions are deleted ${retention.days} days after they start`,
      ...Object.entries(retention.perSite)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([site, days]) => `${site}: deleted ${days} days after they start`),
      retention.onDeviceDays === null
        ? 'On the device: kept until uploaded'
        : `On the device: what was not uploaded is deleted after ${retention.onDeviceDays} days`,
      'An install is erased on request (by the person or an administrator)',
    ],
    securityMeasures: [
      'Every typed value is masked in the page, before anything is stored or sent',
      ...s.masking.captureValues.map(
        (e) =>
          `Values kept on ${e.sites.join(', ')} for fields matching ${e.selector} (never passwords, one-time codes, payment fields or pasted text)`,
      ),
      s.masking.maskAllText ? 'All page text is masked' : 'Page text is kept with PII replaced',
      ...s.masking.blockSelectors.map((sel) => `Regions matching ${sel} are not recorded`),
      ...s.masking.maskSelectors.map((sel) => `Text in regions matching ${sel} is masked`),
      `PII detectors (${s.scrubbing.detectors.join(', ')}) replace what they find in the page${s.scrubbing.onServer ? ', and again on the server before it writes' : ''}`,
      s.consent.required
        ? `Nothing is recorded before the person consents${s.consent.version ? ` (consent text version ${s.consent.version})` : ''}; withdrawal stops recording at once`
        : 'Consent is not required by the settings in force',
      ...(s.consent.receiptsKept ? ['Consent receipts (grants and withdrawals) are kept on the server'] : []),
      `Access by token role: ${s.access.roles.join(', ')}`,
      ...(s.access.auditLog ? ['Every session read, export, erasure and retention sweep is recorded in a hash-chained audit log'] : []),
    ],
  };
}
