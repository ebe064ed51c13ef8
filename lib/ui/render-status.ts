import { STORAGE_FULL_NOTICE } from '../rules/storage/storage-budget';
import type { CaptureStatus } from '../schema/employee-state';
import type { Status } from '../schema/extension-messages';
import { formatBytes, formatDateTimeInLocale } from '../rules/format/format-quantities';
import { describeDropped, formatAgo } from './describe-queue';
import { describeRefusal } from './describe-refusal';

export { describeDropped } from './describe-queue';

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

/** The pause choices the popup offers, by radio value; the worker takes minutes or null (until resumed). */
export const PAUSE_CHOICES = { '15': 15, '60': 60, 'until-resumed': null } as const;

interface Ui {
  el(id: string): HTMLElement | null;
  set(id: string, text: string): void;
  show(id: string, visible: boolean): void;
}

function uiOf(doc: Document): Ui {
  const el = (id: string) => doc.getElementById(id);
  return {
    el,
    set: (id, text) => void (el(id) && (el(id)!.textContent = text)),
    show: (id, visible) => void (el(id) && (el(id)!.hidden = !visible)),
  };
}

/**
 * Fills the popup from a status snapshot; plain DOM, testable without a
 * browser. What a person needs is on top in plain words (the state of this
 * site, one switch, pause, what waits to upload, what to do about a problem);
 * the counters stay under "Details".
 */
export function renderStatus(doc: Document, status: Status, now: Date): void {
  const ui = uiOf(doc);
  const paused = isPaused(status, now);
  renderState(ui, status);
  renderPause(ui, status, paused, now);
  renderWaiting(ui, status.queue, now);
  renderProblems(ui, status);
  ui.show('withdraw-link', status.consent.given !== null);
  ui.show('managed', status.config.source === 'policy');
  ui.set('managed', 'Managed by your organisation: some choices are theirs.');
  renderDetails(ui, status, now);
}

function isPaused(status: Status, now: Date): boolean {
  return status.pause !== null && (status.pause.until === null || status.pause.until > now.getTime());
}

function renderState(ui: Ui, status: Status): void {
  const { capture } = status;
  ui.set('site', capture.site ?? '');
  const line = ui.el('capture');
  if (line) line.dataset.status = capture.status;
  const reason = capture.status === 'not-allowed' || capture.status === 'unavailable' ? ` (${capture.reason})` : '';
  const withdrawnAt = status.consent.withdrawnAt;
  ui.set(
    'capture',
    capture.status === 'not-consented' && withdrawnAt
      ? `Not recording: you withdrew your consent on ${formatDateTimeInLocale(withdrawnAt)}.`
      : STATUS_TEXT[capture.status] + reason,
  );
  ui.show('consent-needed', capture.status === 'not-consented');
  ui.show('shots', capture.screenshots === true);
  // The person may switch a site within what the organisation allows, once they agreed.
  const canChoose =
    status.allowed.siteChoice && (capture.status === 'recording' || capture.status === 'off' || capture.status === 'paused');
  ui.show('site-switch', canChoose);
  const siteOn = ui.el('site-on') as HTMLInputElement | null;
  if (siteOn) siteOn.checked = capture.status === 'recording' || capture.status === 'paused';
}

/** Offered where something is recorded, and wherever a pause is in force (so it can be ended from any page). */
function renderPause(ui: Ui, status: Status, paused: boolean, now: Date): void {
  const recordable = status.capture.status === 'recording' || status.capture.status === 'paused';
  ui.show('pause-controls', status.consent.given !== null && status.allowed.pause && (recordable || paused));
  const choice = !paused ? 'none' : status.pause!.until === null ? 'until-resumed' : nearestDuration(status.pause!);
  for (const radio of ui.el('pause-controls')?.querySelectorAll<HTMLInputElement>('input[name="pause"]') ?? []) {
    radio.checked = radio.value === choice;
  }
  ui.set(
    'pause-state',
    !paused
      ? 'Recording is not paused.'
      : status.pause!.until === null
        ? 'Paused until you resume.'
        : `Paused until ${formatDateTimeInLocale(status.pause!.until)} (${formatAgo(status.pause!.until, now, 'in')}).`,
  );
}

function nearestDuration(pause: NonNullable<Status['pause']>): '15' | '60' {
  const minutes = (pause.until! - pause.since) / 60_000;
  return Math.abs(minutes - 15) <= Math.abs(minutes - 60) ? '15' : '60';
}

function renderWaiting(ui: Ui, queue: Status['queue'], now: Date): void {
  const sessions = queue.pendingSessions;
  const size = formatBytes(queue.pendingBytes);
  ui.set(
    'waiting',
    queue.pendingChunks === 0
      ? 'Nothing waiting to upload.'
      : sessions === undefined
        ? `Recordings waiting to upload: ${size}.`
        : `${sessions} recording${sessions === 1 ? '' : 's'} waiting to upload (${size}).`,
  );
  ui.set('last-upload-line', queue.lastUploadAt === null ? 'Nothing uploaded yet.' : `Last upload ${formatAgo(queue.lastUploadAt, now)}.`);
}

/** Each problem says what happens meanwhile and what the person can do. */
function renderProblems(ui: Ui, status: Status): void {
  const { config, queue } = status;
  const problems = [
    config.blocked &&
      `Recording is off: your organisation's policy is unusable (${config.blocked}). Tell your IT team; nothing is recorded until it is fixed.`,
    status.stateError,
    config.error && `${config.error}. The built-in settings are used instead.`,
    queue.storageFull && `${STORAGE_FULL_NOTICE} Connect to your organisation's network and choose Upload now.`,
    uploadFailingNow(queue) &&
      (describeRefusal(queue.lastError!) ??
        `Uploads are not getting through (${queue.lastError}). Your recordings stay on this computer and are sent once the server answers; if this lasts, tell your IT team.`),
  ].filter(Boolean);
  ui.show('error', problems.length > 0);
  ui.set('error', problems.join(' '));
}

/** The last upload problem, unless an upload got through after it. */
function uploadFailingNow(queue: Status['queue']): boolean {
  return queue.lastError !== null && (queue.lastUploadAt === null || (queue.lastErrorAt ?? 0) > queue.lastUploadAt);
}

function renderDetails(ui: Ui, { queue, config }: Status, now: Date): void {
  ui.set('pending', `${queue.pendingChunks} chunks (${formatBytes(queue.pendingBytes)})`);
  ui.set('uploaded', String(queue.counters.batchesUploaded));
  ui.set('last-upload', queue.lastUploadAt === null ? 'never' : formatAgo(queue.lastUploadAt, now));
  ui.set('set-aside', `${queue.setAsideBatches} batches`);
  ui.set('invalid', String(queue.counters.chunksRejectedInvalid));
  ui.set('dropped', describeDropped(queue));
  ui.set('config', `Sending to ${config.endpoint} (${SOURCE_TEXT[config.source]}).`);
}
