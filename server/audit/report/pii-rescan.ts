import { findPiiBeyondOrigins } from '../../../lib/privacy/find-pii-beyond-origins';
import type { PiiKind } from '../../../lib/privacy/tag';
import type { StoredChunk } from '../../store/records';
import type { Store } from '../../store/store';
import { chunkFileName } from '../../store/store-paths';
import type { PiiScan } from './report-schema';

/**
 * Runs the project's PII detectors (lib/privacy) over everything stored for
 * these sessions: every string of every event (attributes, text, titles,
 * actions' names and selectors, URLs past their origin) and each chunk's URL.
 * What the page and the server scrubbed leaves nothing, so every hit is a
 * finding: a pattern that got through. Reads a chunk at a time.
 */
export async function rescanPii(store: Store, sessionIds: readonly string[]): Promise<PiiScan> {
  const hits = new Map<PiiKind, { hits: number; sessions: Set<string> }>();
  const scan: PiiScan = { sessionsScanned: 0, chunksScanned: 0, stringsScanned: 0, findings: [], unreadable: [] };
  const look = (sessionId: string, text: string) => {
    scan.stringsScanned++;
    for (const span of findPiiBeyondOrigins(text)) {
      const found = hits.get(span.kind) ?? { hits: 0, sessions: new Set<string>() };
      found.hits++;
      found.sessions.add(sessionId);
      hits.set(span.kind, found);
    }
  };
  for (const sessionId of sessionIds) {
    scan.sessionsScanned++;
    for (const key of (await store.chunkKeys(sessionId)) ?? []) {
      let chunk: StoredChunk;
      try {
        chunk = await store.readChunk(sessionId, key);
      } catch (err) {
        scan.unreadable.push({ sessionId, chunk: chunkFileName(key), reason: (err as Error).message });
        continue;
      }
      scan.chunksScanned++;
      look(sessionId, chunk.url);
      walkStrings(chunk.events, (text) => look(sessionId, text));
    }
  }
  scan.findings = [...hits]
    .map(([kind, f]) => ({ kind, hits: f.hits, sessions: [...f.sessions].sort() }))
    .sort((a, b) => b.hits - a.hits || (a.kind < b.kind ? -1 : 1));
  return scan;
}

/** Every string value in a JSON value (keys are attribute and field names, not content). */
function walkStrings(value: unknown, visit: (text: string) => void): void {
  // A stack, not recursion: stored node trees may be a few hundred levels deep.
  const stack: unknown[] = [value];
  while (stack.length) {
    const next = stack.pop();
    if (typeof next === 'string') visit(next);
    else if (Array.isArray(next)) for (const v of next) stack.push(v);
    else if (next && typeof next === 'object') for (const v of Object.values(next)) stack.push(v);
  }
}
