import { asTitleElement, snapshotTitleElement, titleText } from '../../lib/rules/summary/snapshot-title';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { RR } from '../episodes/load-session';

/** rrweb's IncrementalSource.Mutation and the parts of its payload a title lives in. */
const MUTATION = 0;
interface MutationData {
  source?: number;
  texts?: Array<{ id?: number; value?: string | null }>;
  adds?: Array<{ parentId?: number; node?: { id?: number; type?: number; textContent?: string } }>;
  removes?: Array<{ parentId?: number; id?: number }>;
}

/**
 * The page's title as the recording has it, fed the session's events in
 * order: the <title> of the page's full snapshot, then the mutations of that
 * element's text (`document.title = ...` replaces its text node), so a step
 * has its page title without a rendering (--no-render).
 */
export class RecordedTitle {
  private element: number | null = null;
  /** The title element's text children, by rrweb id, in the order they came. */
  private readonly texts = new Map<number, string>();
  title: string | null = null;

  feed(ev: RrwebEvent): void {
    if (ev.type === RR.Meta) this.reset();
    else if (ev.type === RR.FullSnapshot) {
      this.reset();
      const found = snapshotTitleElement((ev.data as { node?: unknown } | null)?.node);
      if (found) this.adopt(found);
    } else if (ev.type === RR.Incremental && (ev.data as MutationData | null)?.source === MUTATION) this.mutate(ev.data as MutationData);
  }

  private mutate(m: MutationData): void {
    let changed = false;
    for (const r of m.removes ?? []) {
      if (r.id !== undefined && r.id === this.element) {
        this.reset();
        return;
      }
      if (r.parentId === this.element && r.id !== undefined) changed = this.texts.delete(r.id) || changed;
    }
    for (const a of m.adds ?? []) {
      const title = asTitleElement(a.node);
      if (title && this.element === null) {
        this.adopt(title);
        continue;
      }
      if (this.element !== null && a.parentId === this.element && a.node?.type === 3 && a.node.id !== undefined) {
        this.texts.set(a.node.id, a.node.textContent ?? '');
        changed = true;
      }
    }
    for (const t of m.texts ?? [])
      if (t.id !== undefined && this.texts.has(t.id)) {
        this.texts.set(t.id, t.value ?? '');
        changed = true;
      }
    if (changed) this.title = titleText([...this.texts.values()]);
  }

  private adopt(found: NonNullable<ReturnType<typeof snapshotTitleElement>>): void {
    this.element = found.id;
    for (const t of found.texts) if (t.id !== null) this.texts.set(t.id, t.text);
    this.title = titleText(found.texts.map((t) => t.text));
  }

  private reset(): void {
    this.element = null;
    this.texts.clear();
    this.title = null;
  }
}
