import { piiTag, type PiiKind } from './tag';

/** A found value: [start, end) in the text and its kind. */
export interface Span {
  start: number;
  end: number;
  kind: PiiKind;
}

/** Replaces each span by its tag; overlapping spans are merged (the first one's kind wins). */
export function replaceSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  let start = spans[0]!.start;
  let end = spans[0]!.end;
  let kind = spans[0]!.kind;
  const close = () => {
    out += text.slice(pos, start) + piiTag(kind, end - start);
    pos = end;
  };
  for (const span of spans) {
    if (span.start < end) {
      end = Math.max(end, span.end);
      continue;
    }
    close();
    ({ start, end, kind } = span);
  }
  close();
  return out + text.slice(pos);
}
