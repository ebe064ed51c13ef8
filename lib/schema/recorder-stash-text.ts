import type { Chunk } from './chunk';
import type { SeqRange } from './dropped-chunks';

/**
 * The stash as it is written: serialised as a JSON string, because
 * chrome.storage.local keeps only 100 levels of nesting and turns deeper values
 * into null without a word (a recorded page is easily deeper).
 */
export const serializeRecorderStash = (stash: { chunks: Chunk[]; dropped: SeqRange[] }): string => JSON.stringify(stash);
