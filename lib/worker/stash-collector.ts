import type { ChunkAdmission } from './chunk-admission';
import { recoverStash, type RecoverStashDeps } from './recover-stash';
import { createSerializer } from './serialize';

/** Collects what recorders left behind as their page went (recover-stash.ts), one collection at a time. */
export function createStashCollector(deps: {
  area: RecoverStashDeps['area'];
  allowed: (url: string) => Promise<boolean>;
  admission: ChunkAdmission;
  log: (message: string, detail?: unknown) => void;
}) {
  const serial = createSerializer();
  return (): Promise<void> =>
    serial(() =>
      recoverStash({
        area: deps.area,
        allowed: deps.allowed,
        storageOver: async () => (await deps.admission.level()) === 'over',
        append: (chunk, dropped) => deps.admission.store(chunk, dropped),
        drop: (page, seqs, dropped) => deps.admission.dropStashed(page, seqs, dropped),
        log: deps.log,
      }),
    ).then(
      () => undefined,
      (err) => deps.log('collecting recorder stash failed', err),
    );
}
