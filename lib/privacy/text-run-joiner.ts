import { cardSpans } from './detect/card';
import { findNumberRuns } from './detect/number-runs';
import { phoneSpans } from './detect/phone';
import { ssnSpans } from './detect/ssn';
import { piiTag } from './tag';
import type { Span } from './span';

/** A (scrubbed, not yet emitted) text node: its text is read and rewritten in place. */
export interface TextRef {
  textContent?: string;
}

interface Part {
  ref: TextRef | null;
  from: number;
  to: number;
  text: string;
}

const NUMERIC = /^[\d \-.()+]*$/;
const NUMERIC_HEAD = /^[\d \-.()+]*/;
const isNumericChar = (c: number): boolean => (c >= 48 && c <= 57) || c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 43;

/** Start of the numeric end of the text (scanned backwards: a `[...]*$` regex is quadratic on long text). */
function numericTailStart(text: string): number {
  let i = text.length;
  while (i > 0 && isNumericChar(text.charCodeAt(i - 1))) i--;
  return i;
}
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

export function isInlineTag(tag: string): boolean {
  return INLINE_TAGS.has(tag);
}

/**
 * Numbers split across inline elements ("<span>4111</span> <span>1111</span>…")
 * are invisible to a per-node scrubber. Text nodes are fed in document order;
 * a run of digit-only pieces (with the numeric end of the node before and the
 * numeric start of the node after) that reads as a card, phone or SSN once
 * joined is taken out: the first piece gets the tag, the others become empty.
 * Block boundaries and masked text end a run. Linear in the text fed.
 */
export function createTextRunJoiner() {
  let run: Part[] = [];

  const flush = (): void => {
    const parts = run;
    run = [];
    if (parts.filter((p) => p.ref && /\d/.test(p.text)).length < 2) return;
    const joined = parts.map((p) => p.text).join('');
    const numberRuns = findNumberRuns(joined);
    const spans: Span[] = [...cardSpans(numberRuns), ...ssnSpans(numberRuns, joined), ...phoneSpans(numberRuns, joined)];
    if (spans.length === 0) return;
    // Rewrite from the last part back, so earlier offsets in a shared ref stay valid.
    const edits = new Map<Part, { text: string }>();
    for (const span of spans) {
      let offset = 0;
      for (const part of parts) {
        const start = offset;
        offset += part.text.length;
        if (!part.ref || offset <= span.start || start >= span.end) continue;
        const edit = edits.get(part) ?? { text: part.text };
        const a = Math.max(span.start, start) - start;
        const b = Math.min(span.end, offset) - start;
        const replacement = start <= span.start ? piiTag(span.kind, span.end - span.start) : '';
        edit.text = edit.text.slice(0, a) + replacement + edit.text.slice(b);
        edits.set(part, edit);
      }
    }
    for (const part of [...parts].reverse()) {
      const edit = edits.get(part);
      if (!edit || !part.ref) continue;
      const current = part.ref.textContent ?? '';
      part.ref.textContent = current.slice(0, part.from) + edit.text + current.slice(part.to);
    }
  };

  return {
    /** A text node that is shown (already scrubbed on its own). */
    text(ref: TextRef): void {
      const text = ref.textContent ?? '';
      if (!text) return;
      if (text.trim() === '') {
        if (run.length) run.push({ ref: null, from: 0, to: 0, text: ' ' });
        return;
      }
      if (NUMERIC.test(text)) {
        run.push({ ref, from: 0, to: text.length, text });
        return;
      }
      const head = NUMERIC_HEAD.exec(text)![0];
      if (run.length && head) run.push({ ref, from: 0, to: head.length, text: head });
      flush();
      const current = ref.textContent ?? ''; // the flush may have rewritten the head
      const from = numericTailStart(current);
      const tail = current.slice(from);
      if (/\d/.test(tail)) run.push({ ref, from, to: current.length, text: tail });
    },
    /** A block element starts or ends, or something not shown (masked, blocked) comes between. */
    boundary: flush,
    finish: flush,
  };
}

export type TextRunJoiner = ReturnType<typeof createTextRunJoiner>;
