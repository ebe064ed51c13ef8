import type { RrwebEvent } from '../schema/rrweb-event';
import { BLOCK, NodeRegistry } from './node-registry';
import { EVENT, SOURCE, isObject, type MutationData, type SerializedNode } from './rrweb-shapes';
import { scrubFieldValue } from './scrub-attributes';
import type { NodeProbe, ScrubContext, ScrubMode } from './scrub-context';
import { scrubCssUrls } from './scrub-css';
import { regionOf, scrubMutation } from './scrub-mutation';
import { scrubPayload } from './scrub-payload';
import { NODES_PER_SLICE, scrubTreeInSlices } from './scrub-tree';
import { scrubUrl } from './scrub-url';
import { createTextRunJoiner } from './text-run-joiner';

export interface EventScrubberOptions {
  mode: ScrubMode;
  maskAllText?: boolean;
  probe?: NodeProbe | null;
}

export interface EventScrubber {
  /** The event with nothing private left in it, or null when nothing of it may be kept. Never modifies its input. */
  scrub(event: RrwebEvent): RrwebEvent | null;
  /**
   * The same, as work that yields every few thousand nodes of a full
   * snapshot (other events in one step), so a huge page's snapshot is
   * scrubbed over several tasks. Nothing else may be scrubbed until it is done.
   */
  scrubInSlices(event: RrwebEvent): Generator<void, RrwebEvent | null, undefined>;
  /** Nodes remembered (for tests and long-session memory checks). */
  readonly nodeCount: number;
}

/** Past this many remembered nodes (and twice the count after the last pruning) the device forgets removed ones. */
const PRUNE_FLOOR = 20_000;

/**
 * The one scrubber every rrweb event passes through before it is buffered
 * (device) or written (server). Stateful: it remembers each node's place
 * (blocked, masked, a textarea, a password field) from full snapshots and
 * additions, so later changes to a node are judged by where it sits.
 */
export function createEventScrubber(options: EventScrubberOptions): EventScrubber {
  const ctx: ScrubContext = {
    mode: options.mode,
    maskAllText: options.maskAllText ?? false,
    probe: options.probe ?? null,
    nodes: new NodeRegistry(),
  };
  let pruneAt = PRUNE_FLOOR;

  const scrubIncremental = (data: Record<string, unknown>): Record<string, unknown> | null => {
    switch (data.source) {
      case SOURCE.Mutation: {
        const clean = scrubMutation(ctx, data as unknown as MutationData);
        if (ctx.probe && ctx.nodes.size > pruneAt) {
          ctx.nodes.prune((id) => ctx.probe!.exists(id));
          pruneAt = Math.max(PRUNE_FLOOR, ctx.nodes.size * 2);
        }
        return clean as unknown as Record<string, unknown>;
      }
      case SOURCE.Input: {
        const id = typeof data.id === 'number' ? data.id : -1;
        if (regionOf(ctx, id) & BLOCK) return null;
        const text = typeof data.text === 'string' ? data.text : '';
        const node = ctx.nodes.get(id);
        return { ...data, text: scrubFieldValue(ctx, id, node?.flags ?? 0, text, node?.tag) };
      }
      case SOURCE.StyleSheetRule:
      case SOURCE.StyleDeclaration:
      case SOURCE.AdoptedStyleSheet:
        return scrubCssStrings(data) as Record<string, unknown>;
      case SOURCE.CanvasMutation:
      case SOURCE.Log:
        return null; // not recorded (recordCanvas off, no console plugin); pixels and logs cannot be scrubbed
      case SOURCE.Font:
        return typeof data.fontSource === 'string' ? { ...data, fontSource: scrubUrl(data.fontSource) } : data;
      default:
        return data; // pointer, scroll, viewport, media, selection: ids and numbers only
    }
  };

  function* scrubFullSnapshot(data: unknown, perSlice: number): Generator<void, unknown | null, undefined> {
    if (!isObject(data) || !isObject(data.node)) return null;
    ctx.nodes.reset();
    const joiner = createTextRunJoiner();
    const node = yield* scrubTreeInSlices(ctx, data.node as SerializedNode, { parentId: -1, parentTag: '', region: 0 }, joiner, perSlice);
    joiner.finish();
    return node ? { ...data, node } : null;
  }

  const scrubData = (event: RrwebEvent): unknown | null => {
    const data = event.data;
    switch (event.type) {
      case EVENT.FullSnapshot:
        return runToEnd(scrubFullSnapshot(data, Infinity));
      case EVENT.Incremental:
        return isObject(data) ? scrubIncremental(data) : null;
      case EVENT.Meta:
        return isObject(data) && typeof data.href === 'string' ? { ...data, href: scrubUrl(data.href) } : data;
      case EVENT.Custom:
        return scrubPayload(data);
      case EVENT.Plugin:
        return ctx.mode === 'device' ? null : scrubPayload(data);
      default:
        return data; // DomContentLoaded, Load: no content
    }
  };

  return {
    scrub(event) {
      const data = scrubData(event);
      return data === null ? null : { ...event, data };
    },
    *scrubInSlices(event) {
      const data = event.type === EVENT.FullSnapshot ? yield* scrubFullSnapshot(event.data, NODES_PER_SLICE) : scrubData(event);
      return data === null ? null : { ...event, data };
    },
    get nodeCount() {
      return ctx.nodes.size;
    },
  };
}

function runToEnd<T>(work: Generator<void, T, undefined>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Stylesheet events: every string scrubbed for url(...). */
function scrubCssStrings(value: unknown): unknown {
  if (typeof value === 'string') return scrubCssUrls(value);
  if (Array.isArray(value)) return value.map(scrubCssStrings);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubCssStrings(v);
  return out;
}
