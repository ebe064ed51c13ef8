import type { Chunk } from '../schema/chunk';
import type { RrwebEvent } from '../schema/rrweb-event';
import { createEventScrubber } from './event-scrubber';
import { scrubUrl } from './scrub-url';

/** Stands in for a chunk whose every event had to go: a chunk is never empty (chunkSchema). */
const dropped = (timestamp: number): RrwebEvent => ({ type: 5, timestamp, data: { tag: 'webtrace.dropped', payload: null } });

/**
 * The server's second line: the same scrubbers over a chunk before it is
 * written, without the page or the policy (see ScrubMode 'server'). The
 * chunk's events are one run of a page's stream, so a fresh scrubber per
 * chunk sees each node the chunk adds before its later changes.
 */
export function scrubChunk<T extends Chunk>(chunk: T): T {
  const scrubber = createEventScrubber({ mode: 'server' });
  const events: RrwebEvent[] = [];
  for (const event of chunk.events) {
    const clean = scrubber.scrub(event);
    if (clean) events.push(clean);
  }
  if (events.length === 0) events.push(dropped(chunk.events[0]!.timestamp));
  return { ...chunk, url: scrubUrl(chunk.url), events };
}
