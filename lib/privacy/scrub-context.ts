import type { NodeRegistry } from './node-registry';

/**
 * The DOM-side facts the scrubber cannot read from rrweb's serialized nodes,
 * asked by rrweb node id. On the device they come from the live page
 * (lib/privacy/dom-probe.ts); the server has none.
 */
export interface NodeProbe {
  /** The element matches the admin's block selector (data-webtrace-block is read from attributes). */
  blocked(id: number): boolean;
  masked(id: number): boolean;
  /** Policy allows recording this field's value now (not a never field, nothing pasted into it). */
  valueAllowed(id: number): boolean;
  /** The node is still recorded (rrweb's mirror knows it); used to forget removed nodes. */
  exists(id: number): boolean;
  /** For an <option> or <select> whose value is masked: its position token (choice-token.ts); null: stars. */
  choiceToken?(id: number): string | null;
}

/**
 * - device: the first line. Values are masked unless the probe allows them;
 *   text of a node the scrubber never saw is masked (nothing unknown passes).
 * - server: the second line, without the page. It cannot know the policy, so
 *   values are PII-scrubbed (never-captured fields still masked), and nodes
 *   from earlier chunks are PII-scrubbed rather than masked.
 */
export type ScrubMode = 'device' | 'server';

export interface ScrubContext {
  mode: ScrubMode;
  maskAllText: boolean;
  probe: NodeProbe | null;
  nodes: NodeRegistry;
}

/** A form value as rrweb masks it: one `*` per character (whitespace too, so word lengths do not show). */
export function maskValue(value: string): string {
  return '*'.repeat(value.length);
}
