import { findPiiBeyondOrigins } from '../../lib/privacy/find-pii-beyond-origins';
import type { PiiKind } from '../../lib/privacy/tag';

/**
 * The exporter's fail-closed privacy check. Every string an export writes is
 * run through the project's PII detectors (lib/privacy/detect, the same the
 * page and the server scrub with), after the scheme://host:port of any URL is
 * set aside: the capture rules keep hosts, and an IP address there is where
 * the site lives, not whom it is about. A hit of a kind the capture rules
 * never keep at all (a card number, a secret) means a scrubber upstream
 * failed: the export stops. Any other hit drops the step it is in.
 */
export interface PiiHit {
  /** Where in the row: `target.name`, `dom_html`, `axtree`… */
  field: string;
  kind: PiiKind;
  /** A never-captured kind: the export must fail. */
  fatal: boolean;
}

const NEVER_CAPTURED: ReadonlySet<PiiKind> = new Set(['card', 'secret']);
/** The PII kinds found in `text`, each once. */
export function piiKindsIn(text: string): PiiKind[] {
  return [...new Set(findPiiBeyondOrigins(text).map((s) => s.kind))];
}

export function hitsIn(field: string, text: string): PiiHit[] {
  return piiKindsIn(text).map((kind) => ({ field, kind, fatal: NEVER_CAPTURED.has(kind) }));
}

/** Every string in a row (binary values are not text and are checked as what they came from). */
export function scanRow(row: unknown, extraText: Record<string, string | null> = {}): PiiHit[] {
  const hits: PiiHit[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') hits.push(...hitsIn(path, value));
    else if (Array.isArray(value)) value.forEach((v) => walk(v, path));
    else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(row, '');
  for (const [field, text] of Object.entries(extraText)) if (text) hits.push(...hitsIn(field, text));
  return hits;
}
