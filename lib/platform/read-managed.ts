/**
 * Reads `storage.managed` the careful way. Right after the browser starts the
 * first read is slow (seconds) and may come back empty before the policy has
 * arrived, with no change event to announce it; on some Edge builds a read
 * never resolves. So: every read has a timeout, and an empty answer is
 * confirmed by a second read a little later before "no policy" is believed.
 */
export interface ManagedReadOptions {
  read: () => Promise<Record<string, unknown>>;
  timeoutMs: number;
  /** Wait before re-reading an empty answer; 0 when emptiness was already confirmed in this browser session. */
  confirmEmptyAfterMs: number;
  sleep: (ms: number) => Promise<void>;
}

export type ManagedRead = { ok: true; values: Record<string, unknown> } | { ok: false; reason: string };

export async function readManaged(opts: ManagedReadOptions): Promise<ManagedRead> {
  const once = async (): Promise<ManagedRead> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<ManagedRead>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, reason: `reading the organisation's policy timed out after ${opts.timeoutMs} ms` }),
        opts.timeoutMs,
      );
    });
    try {
      const read = opts.read().then(
        (values): ManagedRead => ({ ok: true, values: values ?? {} }),
        (err): ManagedRead => ({ ok: false, reason: `the organisation's policy could not be read: ${String(err)}` }),
      );
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  const first = await once();
  if (!first.ok || Object.keys(first.values).length > 0 || opts.confirmEmptyAfterMs <= 0) return first;
  await opts.sleep(opts.confirmEmptyAfterMs);
  return once();
}
