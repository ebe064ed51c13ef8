import { chunkKeyString, type ChunkKey } from '../schema/chunk';
import type { DroppedChunks } from '../schema/dropped-chunks';
import type { ShotDropReport } from '../schema/shot-drops';

/**
 * A batch's id, derived only from which chunks it holds: base64url (no
 * padding) of SHA-256 over the sorted chunk key strings, one per line. A batch
 * re-formed from the same chunks (after a worker restart, or a 2xx whose
 * delete never happened) gets the same id, so the server stores it once.
 * Drop reports it carries count too: the same chunks with other reports are
 * another batch (the server must not answer it from the first one's receipt
 * and skip the new reports). So do discarded-shot totals (a higher total is another batch).
 */
export async function batchIdFor(
  keys: readonly ChunkKey[],
  dropped: readonly DroppedChunks[] = [],
  shotDrops: readonly ShotDropReport[] = [],
): Promise<string> {
  const drops = dropped.map((d) => `drop:${d.sessionId}/${d.page}/${d.fromSeq}-${d.toSeq ?? ''}/${d.reason}`);
  const shots = shotDrops.map((d) => `shot-drop:${d.sessionId}/${d.page}/${d.reason}/${d.count}`);
  const text = [...keys.map(chunkKeyString), ...drops, ...shots].sort().join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url(new Uint8Array(digest));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
