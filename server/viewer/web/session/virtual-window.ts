/** Which rows of a long fixed-height list to put in the DOM: the visible ones plus a margin. */
export function visibleRange(opts: { scrollTop: number; viewportHeight: number; rowHeight: number; count: number; overscan?: number }): {
  start: number;
  end: number;
} {
  const overscan = opts.overscan ?? 8;
  const start = Math.max(0, Math.floor(opts.scrollTop / opts.rowHeight) - overscan);
  const end = Math.min(opts.count, Math.ceil((opts.scrollTop + opts.viewportHeight) / opts.rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function revealRow(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}
