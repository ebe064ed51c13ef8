/** Past this many record x element checks a batch of mutations counts as touching a region (fail closed, and cheap). */
const MAX_CHECKS = 20_000;

/** Whether any mutation happened in or above one of the elements (its target inside one, or containing one). */
export function touchesAny(records: readonly MutationRecord[], elements: readonly Element[]): boolean {
  if (elements.length === 0) return false;
  if (records.length * elements.length > MAX_CHECKS) return true;
  for (const record of records) {
    const target = record.target;
    for (const el of elements) if (target === el || el.contains(target) || target.contains(el)) return true;
  }
  return false;
}
