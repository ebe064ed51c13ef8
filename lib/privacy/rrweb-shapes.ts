/**
 * The parts of rrweb's event payloads the scrubber reads and rewrites
 * (rrweb 2.2.2, @rrweb/types). Written out here, loosely, because events
 * arrive as `unknown` data and anything unexpected must still be handled.
 */
export const EVENT = { FullSnapshot: 2, Incremental: 3, Meta: 4, Custom: 5, Plugin: 6 } as const;
export const SOURCE = {
  Mutation: 0,
  Input: 5,
  StyleSheetRule: 8,
  CanvasMutation: 9,
  Font: 10,
  Log: 11,
  StyleDeclaration: 13,
  AdoptedStyleSheet: 15,
} as const;
export const NODE = { Document: 0, DocumentType: 1, Element: 2, Text: 3, CDATA: 4, Comment: 5 } as const;

export type AttributeValue = string | number | boolean | null | Record<string, unknown>;

export interface SerializedNode {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, AttributeValue>;
  childNodes?: SerializedNode[];
  textContent?: string;
  needBlock?: boolean;
  [key: string]: unknown;
}

export interface AddedNode {
  parentId: number;
  nextId: number | null;
  node: SerializedNode;
  [key: string]: unknown;
}

export interface MutationData {
  source: 0;
  texts?: Array<{ id: number; value: string | null }>;
  attributes?: Array<{ id: number; attributes: Record<string, AttributeValue> }>;
  removes?: Array<{ parentId: number; id: number; [key: string]: unknown }>;
  adds?: AddedNode[];
  [key: string]: unknown;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
