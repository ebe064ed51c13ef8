import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import type { EventDigest } from './event-digest';

/**
 * Pulls a session's event pages in order: keeps every event (for the
 * download), feeds the digest (for the timeline), hands each page to
 * `deliver` (the player) and calls `onPage` after it. Stops quietly when
 * `stopped()` turns true (the view was closed).
 */
export async function pumpEvents(
  pages: AsyncIterable<RrwebEvent[]>,
  into: {
    events: RrwebEvent[];
    digest: EventDigest;
    deliver(batch: RrwebEvent[]): Promise<void>;
    onPage(): void;
    stopped(): boolean;
  },
): Promise<void> {
  for await (const batch of pages) {
    if (into.stopped()) return;
    for (const e of batch) into.events.push(e);
    into.digest.add(batch);
    await into.deliver(batch);
    into.onPage();
  }
}
