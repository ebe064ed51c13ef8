/**
 * What the scrubber remembers about each recorded node (by rrweb id), so that
 * a later mutation of a node can be judged by where the node sits: inside a
 * blocked or masked region, inside a textarea, a never-captured field.
 */
export const BLOCK = 1;
/** Text and shown attributes masked, here and below. */
export const MASK = 2;
/** Text below is typed text (textarea, editable region): masked; the element's own attributes are not. */
export const MASK_CHILDREN = 4;
/** A password, one-time code or payment field: its value is never kept. */
export const NEVER = 8;

export interface NodeInfo {
  parent: number;
  flags: number;
  /** Lower-case tag, for the tags the scrubber's rules name (fields, style, script); '' otherwise. */
  tag: string;
  /** An input's type attribute (lower case), for value rules. */
  type?: string;
}

/** Tags a later change is judged by: value rules (fields) and text rules (style, script). */
const REMEMBERED_TAGS = new Set(['input', 'textarea', 'select', 'option', 'button', 'data', 'param', 'output', 'style', 'script']);
/** Deeper than any real page; also stops a parent cycle in malformed input. */
const MAX_DEPTH = 4096;

/**
 * Parent and flags are packed in one number per node ((parent + 1) * 16 + flags):
 * a full snapshot registers every node of the page, and one object per node
 * was most of the scrubber's cost in garbage collection.
 */
export class NodeRegistry {
  private packed = new Map<number, number>();
  private tags = new Map<number, { tag: string; type?: string }>();
  private memo = new Map<number, number>();

  get size(): number {
    return this.packed.size;
  }

  reset(): void {
    this.packed.clear();
    this.tags.clear();
    this.memo.clear();
  }

  get(id: number): NodeInfo | undefined {
    const p = this.packed.get(id);
    if (p === undefined) return undefined;
    const t = this.tags.get(id);
    return { parent: Math.floor(p / 16) - 1, flags: p % 16, tag: t?.tag ?? '', ...(t?.type ? { type: t.type } : {}) };
  }

  set(id: number, info: NodeInfo): void {
    const packed = (info.parent + 1) * 16 + (info.flags & 15);
    // Region flags depend on parents and flags only: the same again (a node registered once more) changes none.
    if (this.memo.size > 0 && this.packed.get(id) !== packed) this.memo.clear();
    this.packed.set(id, packed);
    if (REMEMBERED_TAGS.has(info.tag)) this.tags.set(id, info.type ? { tag: info.tag, type: info.type } : { tag: info.tag });
    else if (this.tags.size > 0) this.tags.delete(id);
  }

  delete(id: number): void {
    this.packed.delete(id);
    this.tags.delete(id);
    if (this.memo.size > 0) this.memo.clear();
  }

  /**
   * Flags of the node and every ancestor that apply to it (BLOCK, MASK); null when the node is unknown.
   * Walks up to the nearest ancestor already known (or the top), then fills in every node on the way
   * down, so a long chain of nodes (a page built deep by script, one add at a time) costs linear time.
   */
  regionFlags(id: number): number | null {
    const cached = this.memo.get(id);
    if (cached !== undefined) return cached;
    if (!this.packed.has(id)) return null;
    const chain = [id];
    let fromAbove = 0; // what the top of the chain inherits from its parent
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const parentId = Math.floor(this.packed.get(chain[chain.length - 1]!)! / 16) - 1;
      const parent = this.packed.get(parentId);
      if (parent === undefined) break;
      const known = this.memo.get(parentId);
      if (known !== undefined) {
        fromAbove = known | ((parent % 16) & MASK_CHILDREN ? MASK : 0);
        break;
      }
      chain.push(parentId);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const own = this.packed.get(chain[i]!)! % 16;
      const flags = (own & (BLOCK | MASK)) | fromAbove;
      this.memo.set(chain[i]!, flags);
      fromAbove = flags | (own & MASK_CHILDREN ? MASK : 0);
    }
    return this.memo.get(id)!;
  }

  /** Drops nodes that no longer exist; for long sessions whose pages churn through many nodes. */
  prune(exists: (id: number) => boolean): void {
    for (const id of this.packed.keys()) if (!exists(id)) this.delete(id);
    this.memo.clear();
  }
}
