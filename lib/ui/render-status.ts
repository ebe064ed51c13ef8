import { STORAGE_FULL_NOTICE } from '../rules/storage/storage-budget';
import type { CaptureStatus } from '../schema/employee-state';
import type { Status } from '../schema/extension-messages';
import { formatBytes, formatDateTimeInLocale } from '../rules/format/format-quantities';

const STATUS_TEXT: Record<CaptureStatus, string> = {
  recording: 'Recording.',
  paused: 'Paused.',
  off: 'Off: you have not turned recording on for this site.',
  'not-allowed': 'Not allowed by your organisation.',
  'not-consented': 'Not recording: you have not agreed to recording yet.',
  unavailable: 'Not recording: settings unavailable.',
};

const SOURCE_TEXT: Record<Status['config']['source'], string> = {
  policy: "your organisation's policy",
  local: 'local configuration',
  default: 'default configuration',
};

/** Fills the popup from a status snapshot; plain DOM, testable without a browser. */
export function renderStatus(doc: Document, status: Status, now: Date): void {
  const el = (id: string) => doc.getElementById(id);
  const set = (id: string, text: string) => {
    const e = el(id);
    if (e) e.textContent = text;
  };
  const show = (id: string, visible: boolean) => {
    const e = el(id);
    if (e) e.hidden = !visible;
  };
  const { capture, queue, config } = status;

  set('site', capture.site ?? '');
  const captureEl = el('capture');
  if (captureEl) captureEl.dataset.status = capture.status;
  const reason = capture.status === 'not-allowed' || capture.status === 'unavailable' ? ` (${capture.reason})` : '';
  set('capture', STATUS_TEXT[capture.status] + reason);
  show('consent-needed', capture.status === 'not-consented');
  show('shots', capture.screenshots === true);

  // The person may switch a site within what the organisation allows, once they agreed.
  const canChoose =
    status.allowed.siteChoice && (capture.status === 'recording' || capture.status === 'off' || capture.status === 'paused');
  show('site-switch', canChoose);
  const siteOn = el('site-on') as HTMLInputElement | null;
  if (siteOn) siteOn.checked = capture.status === 'recording' || capture.status === 'paused';

  show('pause-controls', status.consent.given !== null && status.allowed.pause);
  const paused = status.pause !== null && (status.pause.until === null || status.pause.until > now.getTime());
  show('pause-buttons', !paused);
  show('resume', paused);
  set(
    'pause-state',
    !paused
      ? 'Recording is not paused.'
      : status.pause!.until === null
        ? 'Paused until you resume.'
        : `Paused until ${formatDateTimeInLocale(status.pause!.until)}.`,
  );

  set('pending', `${queue.pendingChunks} chunks (${formatBytes(queue.pendingBytes)})`);
  set('uploaded', String(queue.counters.batchesUploaded));
  set('last-upload', queue.lastUploadAt === null ? 'never' : formatAgo(queue.lastUploadAt, now));
  set('set-aside', `${queue.setAsideBatches} batches`);
  set('invalid', String(queue.counters.chunksRejectedInvalid));
  set('dropped', describeDropped(queue));
  const problems = [
    config.blocked && `Recording is off: your organisation's policy is unusable (${config.blocked}).`,
    status.stateError,
    config.error,
    queue.storageFull && STORAGE_FULL_NOTICE,
    queue.lastError && `Last upload problem: ${queue.lastError}`,
  ].filter(Boolean);
  show('error', problems.length > 0);
  set('error', problems.join(' '));
  set('config', `Sending to ${config.endpoint} (${SOURCE_TEXT[config.source]}).`);
}

/** Recordings lost before upload (never silently): how many, and whether the server has been told. */
export function describeDropped(queue: Status['queue']): string {
  const { chunksDropped, chunksExpired, nodesCutTooDeep } = queue.counters;
  // Not lost chunks, but parts of pages the recording could not keep: said next to them.
  const cut = nodesCutTooDeep
    ? `${nodesCutTooDeep} part${nodesCutTooDeep === 1 ? '' : 's'} of pages nested too deep, kept as placeholders`
    : '';
  if (chunksDropped === 0 && chunksExpired === 0) return cut || 'none';
  const parts = [chunksDropped && `${chunksDropped} dropped`, chunksExpired && `${chunksExpired} expired`].filter(Boolean).join(', ');
  const pending = queue.dropReportsPending ?? 0;
  const lost = pending ? `${parts} (the server is told with the next upload)` : `${parts} (reported to the server)`;
  return cut ? `${lost}; ${cut}` : lost;
}

function formatAgo(at: number, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return formatDateTimeInLocale(at);
}
