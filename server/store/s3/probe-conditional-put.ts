import { randomUUID } from 'node:crypto';
import type { Bucket } from './bucket';
import { PROBE_PREFIX } from './object-keys';

/**
 * Does the object store honour If-None-Match: * on PutObject? Two puts to a
 * fresh key: the first must store, the second must be refused with 412 and
 * leave the first's bytes. (The npm s3rver, for one, overwrites silently.)
 */
export async function probeConditionalPut(bucket: Bucket): Promise<{ honoured: boolean; detail: string }> {
  const key = `${PROBE_PREFIX}${randomUUID()}`;
  try {
    if (!(await bucket.putOnce(key, Buffer.from('first'))))
      return { honoured: false, detail: 'a put to a new key was refused as if the key existed' };
    if (await bucket.putOnce(key, Buffer.from('second')))
      return { honoured: false, detail: 'a second conditional put to the same key succeeded' };
    const kept = (await bucket.get(key))?.toString();
    if (kept !== 'first') return { honoured: false, detail: `the refused put changed the object (now ${JSON.stringify(kept)})` };
    return { honoured: true, detail: 'a second conditional put to a key got 412 and left the object unchanged' };
  } finally {
    await bucket.deleteKeys([key]).catch(() => {});
  }
}
