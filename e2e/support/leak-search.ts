import { encodingsOf } from './find-secrets';
import { needlesOf, type LeakVector } from './canary-vectors';

/** Somewhere data ends up: a name for the report and its bytes as text. */
export interface Place {
  name: string;
  text: string;
}

export interface Leak {
  vector: string;
  what: string;
  places: string[];
}

/**
 * Which vectors' values (in any of their common encodings: as is, lower
 * case, URL-encoded, JSON-escaped, base64) occur in which places. Each place
 * is lower-cased once, so the search stays fast over megabytes.
 */
export function findLeaks(places: readonly Place[], vectors: readonly LeakVector[], values: ReadonlyMap<string, string>): Leak[] {
  const forms = vectors.map((vector) => ({
    vector,
    encodings: needlesOf(vector, values.get(vector.id)!)
      .flatMap(encodingsOf)
      .filter((e) => e.length >= 6),
  }));
  const leaks = new Map<string, Leak>();
  for (const place of places) {
    const lower = place.text.toLowerCase();
    for (const { vector, encodings } of forms) {
      if (!encodings.some((e) => place.text.includes(e) || lower.includes(e.toLowerCase()))) continue;
      const leak = leaks.get(vector.id) ?? { vector: vector.id, what: vector.what, places: [] };
      leak.places.push(place.name);
      leaks.set(vector.id, leak);
    }
  }
  return [...leaks.values()];
}

export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks.map((l) => `LEAKED ${l.vector} (${l.what}) in: ${l.places.join(', ')}`).join('\n');
}
