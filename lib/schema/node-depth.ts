/**
 * How deep a serialized node tree (a full snapshot, or a node a mutation adds)
 * may go, the document being level 1. The recorder cuts what is deeper
 * (lib/rrweb/cut-deep-nodes.ts); the server refuses it (lib/schema/rrweb-payload.ts).
 * Far deeper than real pages, well inside what IndexedDB, storage and the replay can hold.
 */
export const MAX_NODE_DEPTH = 256;
