import { MAX_NODE_DEPTH } from '../../lib/schema/rrweb-payload';

/**
 * Nesting a batch body may have at most: a node tree at the deepest the
 * recorder sends (two JSON levels per node: the node and its childNodes)
 * inside the batch envelope, with room to spare. Anything deeper can only be
 * hostile; refusing it up front means nothing later recurses on it.
 */
export const MAX_JSON_DEPTH = 2 * MAX_NODE_DEPTH + 64;

/** Keys that name Object.prototype's machinery: assigning them on a copy loses them (or worse). */
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype'];

export type SanitizeResult = { ok: true; droppedKeys: number } | { ok: false; path: PropertyKey[]; message: string };

/**
 * Walks a parsed JSON value with an explicit stack (never recursion): refuses
 * it when nested deeper than `maxDepth`, and deletes `__proto__`,
 * `constructor` and `prototype` keys in place, before anything reads, copies
 * or counts them. JSON.parse makes them plain own properties; any later
 * `{...x}` or `out[k] = v` would drop them silently or set a prototype.
 */
interface Frame {
  value: unknown;
  depth: number;
  /** Kept only while a descendant is still to be visited: memory stays with the stack, not the body. */
  parent: Frame | null;
  key: PropertyKey;
}

export function sanitizeJson(value: unknown, maxDepth = MAX_JSON_DEPTH): SanitizeResult {
  let droppedKeys = 0;
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.value === null || typeof frame.value !== 'object') continue; // the root only: leaves are never pushed
    if (frame.depth >= maxDepth) return { ok: false, path: pathTo(frame), message: `nested deeper than ${maxDepth} levels` };
    if (Array.isArray(frame.value)) {
      for (let i = frame.value.length - 1; i >= 0; i--) pushIfObject(stack, frame.value[i], frame, i);
      continue;
    }
    const record = frame.value as Record<string, unknown>;
    for (const key of DANGEROUS_KEYS) {
      if (Object.hasOwn(record, key)) {
        delete record[key];
        droppedKeys += 1;
      }
    }
    for (const key of Object.keys(record)) pushIfObject(stack, record[key], frame, key);
  }
  return { ok: true, droppedKeys };
}

function pushIfObject(stack: Frame[], value: unknown, parent: Frame, key: PropertyKey) {
  // Leaves are not pushed: most of a body is strings and numbers.
  if (value !== null && typeof value === 'object') stack.push({ value, depth: parent.depth + 1, parent, key });
}

function pathTo(frame: Frame): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) path.push(f.key);
  return path.reverse();
}
