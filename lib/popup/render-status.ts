import type { Status } from '../schema/extension-messages';

/** Fills the popup from a status snapshot; plain DOM, testable without a browser. */
export function renderStatus(doc: Document, status: Status, now: Date): void {
  const set = (id: string, text: string) => {
    const el = doc.getElementById(id);
    if (el) el.textContent = text;
  };
  const { capture, queue, config } = status;
  set(
    'capture',
    capture === null ? 'This tab cannot be recorded.' : capture.allowed ? 'Recording this site.' : `Not recording: ${capture.reason}.`,
  );
  set('pending', `${queue.pendingChunks} chunks (${formatBytes(queue.pendingBytes)})`);
  set('uploaded', String(queue.counters.batchesUploaded));
  set('last-upload', queue.lastUploadAt === null ? 'never' : formatAgo(queue.lastUploadAt, now));
  set('set-aside', `${queue.setAsideBatches} batches`);
  set('invalid', String(queue.counters.chunksRejectedInvalid));
  const error = doc.getElementById('error');
  if (error) {
    const problems = [config.error, queue.lastError && `Last upload problem: ${queue.lastError}`].filter(Boolean);
    error.hidden = problems.length === 0;
    error.textContent = problems.join(' ');
  }
  set('config', `Sending to ${config.endpoint} (${config.source === 'local' ? 'local configuration' : 'default configuration'}).`);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function formatAgo(at: number, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return new Date(at).toLocaleString();
}
