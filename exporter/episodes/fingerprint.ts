import { createHash } from 'node:crypto';
import type { Action } from '../../lib/schema/action';
import type { EpisodeCut } from './cut-episodes';
import { urlTemplate } from './url-template';

/**
 * What makes two episodes "the same": their URL templates and action
 * sequence (type, target role, name and tag, the value's kind, label or
 * length, key, navigation, check state, button). Times and node ids do not
 * count. Exact duplicates are collapsed to the first, and the shard of an
 * episode is chosen from this, so duplicates always meet in one shard.
 */
export function episodeFingerprint(episode: EpisodeCut): string {
  const hash = createHash('sha256');
  for (const { action } of episode.actions) hash.update(`${JSON.stringify(actionSignature(action))}\n`);
  return hash.digest('base64url').slice(0, 22);
}

function actionSignature(a: Action): unknown[] {
  const value = a.value?.kind === 'label' ? a.value.label : a.value?.kind === 'masked' ? a.value.length : null;
  return [
    a.type,
    urlTemplate(a.url),
    a.target?.tag ?? null,
    a.target?.role ?? null,
    a.target?.name ?? null,
    a.value?.kind ?? null,
    value,
    a.key ?? null,
    a.navigation ?? null,
    a.checked ?? null,
    a.button ?? null,
  ];
}

/** The 0-based shard (of `count`) an episode belongs to. */
export function shardOf(fingerprint: string, count: number): number {
  if (count <= 1) return 0;
  const h = createHash('sha256').update(`shard\u0000${fingerprint}`).digest();
  return h.readUInt32BE(0) % count;
}
