import { consentReceiptSchema, type ConsentReceipt } from '../schema/consent-receipt';
import { consentOutboxSchema, EMPTY_OUTBOX, type ConsentOutbox, type SetAsideReceipt } from '../schema/consent-outbox';
import { CONSENT_OUTBOX_KEY } from '../schema/storage-keys';
import type { StorageAreaLike } from './storage-area';

/** The outbox as read: pending receipts parsed; entries that did not parse are counted and already set aside. */
export interface LoadedOutbox extends Omit<ConsentOutbox, 'pending'> {
  pending: ConsentReceipt[];
  damaged: number;
}

const MAX_SET_ASIDE = 50;

/**
 * The consent receipts outbox in storage.local. Every read parses: a damaged entry is set aside
 * with the reason (and written back so), a damaged outbox as a whole starts empty and says so,
 * and nothing here ever throws on stored content.
 */
export function createConsentOutboxStore(area: StorageAreaLike, now: () => number) {
  const load = async (): Promise<LoadedOutbox> => {
    const raw = (await area.get(CONSENT_OUTBOX_KEY))[CONSENT_OUTBOX_KEY];
    if (raw === undefined) return { ...EMPTY_OUTBOX, pending: [], damaged: 0 };
    const whole = consentOutboxSchema.safeParse(raw);
    const base = whole.success ? whole.data : EMPTY_OUTBOX;
    const pending: ConsentReceipt[] = [];
    const setAside: SetAsideReceipt[] = whole.success ? [...base.setAside] : [damagedEntry('the stored outbox could not be read', now())];
    for (const entry of base.pending) {
      const parsed = consentReceiptSchema.safeParse(entry);
      if (parsed.success) pending.push(parsed.data);
      else setAside.push(damagedEntry('a stored receipt was damaged and could not be sent', now(), entry));
    }
    const loaded = { ...base, pending, setAside, damaged: setAside.length - (whole.success ? base.setAside.length : 0) };
    if (loaded.damaged > 0) await save(loaded);
    return loaded;
  };
  const save = async (outbox: Omit<LoadedOutbox, 'damaged'>): Promise<void> => {
    const { pending, setAside, attempt, notBefore, secretRegisteredFor } = outbox;
    const value: ConsentOutbox = { pending, setAside: setAside.slice(-MAX_SET_ASIDE), attempt, notBefore, secretRegisteredFor };
    await area.set({ [CONSENT_OUTBOX_KEY]: consentOutboxSchema.parse(value) });
  };
  return { load, save };
}
export type ConsentOutboxStore = ReturnType<typeof createConsentOutboxStore>;

function damagedEntry(reason: string, at: number, entry?: unknown): SetAsideReceipt {
  const fields = (entry ?? {}) as { receiptId?: unknown; kind?: unknown };
  return {
    receiptId: typeof fields.receiptId === 'string' ? fields.receiptId.slice(0, 100) : null,
    kind: fields.kind === 'grant' || fields.kind === 'withdraw' ? fields.kind : null,
    reason,
    status: null,
    at,
  };
}
