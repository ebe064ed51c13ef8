import { STORAGE_FULL_NOTICE } from '../rules/storage/storage-budget';
import type { LocalSessionsAnswer } from '../schema/extension-messages';
import { formatBytes, formatDateTimeInLocale } from '../rules/format/format-quantities';
import { describeDropped } from './render-status';

/** Fills the My data page; plain DOM, testable without a browser. */
export function renderMyData(doc: Document, answer: LocalSessionsAnswer, onDelete: (sessionId: string) => void): void {
  const { sessions, queue, rejected } = answer;
  const table = doc.getElementById('sessions') as HTMLTableElement;
  const body = table.tBodies[0]!;
  body.replaceChildren(
    ...sessions.map((s) => {
      const row = doc.createElement('tr');
      row.dataset.sessionId = s.sessionId;
      const cells = [
        s.site,
        s.startedAt ? formatDateTimeInLocale(s.startedAt) : '-',
        String(s.actions),
        String(s.shots ?? 0),
        formatBytes(s.bytes),
        s.state === 'waiting' ? 'waiting to upload' : 'rejected by the server',
      ];
      for (const [i, text] of cells.entries()) {
        const td = doc.createElement('td');
        td.textContent = text;
        if (i >= 2 && i <= 4) td.className = 'num';
        row.append(td);
      }
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = 'Delete';
      button.setAttribute('aria-label', `Delete the recording of ${s.site} started ${cells[1]}`);
      button.addEventListener('click', () => onDelete(s.sessionId));
      const td = doc.createElement('td');
      td.append(button);
      row.append(td);
      return row;
    }),
  );
  table.hidden = sessions.length === 0;
  (doc.getElementById('delete-all') as HTMLButtonElement).hidden = sessions.length === 0;
  doc.getElementById('summary')!.textContent =
    sessions.length === 0
      ? 'No recordings are waiting on this computer.'
      : `${sessions.length} recording${sessions.length === 1 ? '' : 's'} (${formatBytes(queue.pendingBytes)}) waiting on this computer.`;
  doc.getElementById('uploaded')!.textContent =
    queue.lastUploadAt === null
      ? 'Nothing uploaded yet.'
      : `${queue.counters.chunksUploaded} parts in ${queue.counters.batchesUploaded} uploads; last upload ${formatDateTimeInLocale(queue.lastUploadAt)}.`;
  const dropped = doc.getElementById('dropped');
  if (dropped) {
    const what = describeDropped(queue);
    dropped.textContent =
      (what === 'none' ? 'Nothing was lost before upload.' : `Parts lost before upload: ${what}.`) +
      (queue.storageFull ? ` ${STORAGE_FULL_NOTICE}` : '');
  }
  doc.getElementById('rejected-none')!.hidden = rejected.length > 0;
  doc.getElementById('rejected')!.replaceChildren(
    ...rejected.map((r) => {
      const li = doc.createElement('li');
      li.textContent = `${formatDateTimeInLocale(r.at)}: ${r.chunks} parts kept here and not retried. The server said: ${r.reason}`;
      return li;
    }),
  );
}
