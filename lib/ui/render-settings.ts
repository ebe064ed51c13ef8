import { formatBytes } from '../rules/format/format-quantities';
import type { SettingsAnswer } from '../schema/extension-messages';

const SOURCE_TEXT: Record<SettingsAnswer['source'], string> = {
  policy: "In force: your organisation's managed policy. Local settings are ignored.",
  local: 'In force: the local configuration on this computer (no organisation policy is set).',
  default: 'In force: the built-in defaults (no organisation policy or local configuration is set).',
};

/** Fills the options page: which source is in force, what it says, and which policy keys were ignored and why. */
export function renderSettings(doc: Document, answer: SettingsAnswer): void {
  doc.getElementById('source')!.textContent = SOURCE_TEXT[answer.source];
  const blocked = doc.getElementById('blocked')!;
  blocked.hidden = !answer.blocked;
  blocked.textContent = answer.blocked ? `Nothing is recorded: the policy is unusable (${answer.blocked}).` : '';

  doc.getElementById('issues-section')!.hidden = answer.policyIssues.length === 0;
  doc.getElementById('issues')!.replaceChildren(...answer.policyIssues.map((i) => row(doc, i.key, i.message)));

  const c = answer.config;
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');
  const values: Array<[string, string]> = [
    ['Uploads go to', c.endpoint],
    ['Ingest token', c.ingestToken],
    ['Organisation', c.orgId ?? 'none'],
    ['Sites that may be recorded', list(c.sites)],
    ['Sites never recorded', list(c.blockedSites)],
    ['Capture on by default on allowed sites', c.captureOnByDefault ? 'yes' : 'no'],
    ['You may turn sites on and off', c.employeesMayChangeSites ? 'yes' : 'no'],
    ['You may pause', c.pauseAllowed ? 'yes' : 'no'],
    ['Recording mark in the page', c.recordingIndicator ? 'shown' : 'off by your organisation'],
    ['All page text masked', c.maskAllText ? 'yes' : 'no'],
    ['Also masked', c.maskTextSelector ?? 'none'],
    ['Not recorded at all', c.blockSelector ?? 'none'],
    ['Upload at least every', `${c.uploadIntervalSeconds} s`],
    ['Largest upload', `${c.upload.maxBatchChunks} chunks, ${formatBytes(c.upload.maxBatchBytes)}`],
    ['Kept on this computer at most', `${Math.round(c.localCapBytes / 1024 / 1024)} MB, ${c.retentionDays} days`],
    ['Consent text version', String(c.consentVersion)],
  ];
  // Under an unusable policy nothing is in force: showing the fallback values would mislead.
  doc
    .getElementById('values')!
    .replaceChildren(
      ...(answer.blocked
        ? [row(doc, 'None', 'nothing is in force until the policy is fixed', true)]
        : values.map(([k, v]) => row(doc, k, v, true))),
    );
}

function row(doc: Document, key: string, value: string, header = false): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  const k = doc.createElement(header ? 'th' : 'td');
  if (header) k.setAttribute('scope', 'row');
  k.textContent = key;
  const v = doc.createElement('td');
  v.textContent = value;
  tr.append(k, v);
  return tr;
}
