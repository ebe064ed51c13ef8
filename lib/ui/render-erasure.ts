import type { StoredErasureConfirmation } from '../schema/consent-outbox';
import type { ErasureAnswer, LocalSessionsAnswer } from '../schema/extension-messages';
import { formatDateTimeInLocale as formatTime } from '../rules/format/format-quantities';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The server's confirmation of an erasure, in plain words. */
export function describeErasure(c: StoredErasureConfirmation): string {
  const again = c.firstErasure ? '' : ' (they had been deleted before; this removed what arrived since)';
  return (
    `Your organisation's server deleted ${plural(c.sessionsDeleted, 'recording')} (${plural(c.chunksDeleted, 'part')}) ` +
    `on ${formatTime(c.tombstoneAt)}${again}. It keeps only your consent receipts (${c.consentReceiptsKept}), ` +
    'which record what you agreed to and when, and no recorded content.'
  );
}

/** The lifecycle part of My data: erasures by the organisation or by the person, and refused consent receipts. */
export function renderErasureState(doc: Document, answer: LocalSessionsAnswer): void {
  const byOrg = doc.getElementById('server-erased');
  const erasedAt = answer.queue.installErasedAt ?? null;
  if (byOrg) {
    byOrg.hidden = erasedAt === null;
    byOrg.textContent =
      erasedAt === null
        ? ''
        : `Your organisation erased the recordings uploaded from this computer on ${formatTime(erasedAt)}. ` +
          `Recordings from before that were still here have been deleted (${plural(answer.queue.counters.chunksErasedOnServer, 'part')}).`;
  }
  const last = doc.getElementById('erase-result');
  if (last && answer.lastErasure && !last.dataset.fresh) last.textContent = describeErasure(answer.lastErasure);
  const refused = answer.receiptsRefused ?? [];
  const list = doc.getElementById('receipts-refused');
  if (list) {
    list.hidden = refused.length === 0;
    list.replaceChildren(
      ...refused.map((r) => {
        const li = doc.createElement('li');
        const what = r.kind === 'withdraw' ? 'withdrawal' : r.kind === 'grant' ? 'consent' : 'consent decision';
        li.textContent = `${formatTime(r.at)}: the server did not accept the record of your ${what}. It said: ${r.reason}`;
        return li;
      }),
    );
  }
}

/**
 * "Delete my uploaded recordings" with a confirm step: the first button only opens the question;
 * the request goes on "Yes". The answer (confirmation or why not) is shown in plain words.
 */
export function wireEraseUploads(doc: Document, erase: () => Promise<ErasureAnswer>, done: () => void): void {
  const [start, confirm, yes, cancel, result] = ['erase-uploads', 'erase-confirm', 'erase-yes', 'erase-cancel', 'erase-result'].map((id) =>
    doc.getElementById(id)!,
  ) as [HTMLButtonElement, HTMLElement, HTMLButtonElement, HTMLButtonElement, HTMLElement];
  // The button pressed disappears: focus moves to the question (read out; a second Enter deletes nothing,
  // Tab reaches "Yes"), and back to the button when it is cancelled.
  const ask = (open: boolean, focus: HTMLElement | null = null) => {
    confirm.hidden = !open;
    start.hidden = open;
    focus?.focus();
  };
  start.addEventListener('click', () => ask(true, doc.getElementById('erase-question')));
  cancel.addEventListener('click', () => ask(false, start));
  yes.addEventListener('click', () => {
    yes.disabled = true;
    result.textContent = 'Deleting…';
    void erase()
      .catch((err): ErasureAnswer => ({ ok: false, detail: `The deletion could not be asked for: ${String(err)}`, confirmation: null }))
      .then((answer) => {
        result.dataset.fresh = 'true';
        result.textContent = answer.ok && answer.confirmation ? `${describeErasure(answer.confirmation)} ${answer.detail}` : answer.detail;
        result.dataset.outcome = answer.ok ? 'done' : 'failed';
        yes.disabled = false;
        // The feedback takes the focus, so it is read out and the next Tab goes on from there.
        ask(false, result);
        done();
      });
  });
}
