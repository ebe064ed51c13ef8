// An ESLint rule: a module imports only from its own layer's allowed set (docs/architecture.md).
// Layers, bottom up: lib/schema < lib/rules < domain code (privacy, rrweb, actions) < adapters
// (platform, queue, upload) < the worker, the recorder, the UI < entrypoints. The server and the
// exporter may take lib/schema, lib/rules and the domain code, nothing that touches the browser.
import { dirname, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** [layer, folders]; the first match wins. */
const LAYERS = [
  ['schema', ['lib/schema']],
  ['rules', ['lib/rules']],
  ['domain', ['lib/privacy', 'lib/rrweb', 'lib/actions']],
  ['platform', ['lib/platform', 'lib/queue', 'lib/upload']],
  ['worker', ['lib/worker']],
  ['recorder', ['lib/recorder']],
  ['ui', ['lib/ui']],
  ['entrypoints', ['entrypoints']],
  ['server', ['server']],
  ['exporter', ['exporter']],
];

/** Which layers each layer may import (its own always). */
const MAY_IMPORT = {
  schema: [],
  rules: ['schema'],
  domain: ['schema', 'rules'],
  platform: ['schema', 'rules', 'domain'],
  worker: ['schema', 'rules', 'domain', 'platform'],
  recorder: ['schema', 'rules', 'domain', 'platform'],
  ui: ['schema', 'rules', 'domain'],
  entrypoints: ['schema', 'rules', 'domain', 'platform', 'worker', 'recorder', 'ui'],
  server: ['schema', 'rules', 'domain'],
  exporter: ['schema', 'rules', 'domain', 'server'],
};

function layerOf(file) {
  const rel = relative(root, file).split('\\').join('/');
  for (const [layer, folders] of LAYERS) if (folders.some((f) => rel === f || rel.startsWith(`${f}/`))) return layer;
  return null;
}

export const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'layers import only downward (docs/architecture.md)' },
    schema: [],
    messages: {
      upward:
        '{{from}} ({{fromLayer}}) may not import {{to}} ({{toLayer}}): a {{fromLayer}} module imports only {{allowed}} (docs/architecture.md).',
    },
  },
  create(context) {
    const from = context.filename;
    const fromLayer = layerOf(from);
    if (!fromLayer) return {};
    const check = (node) => {
      const spec = node?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(from), spec);
      const toLayer = layerOf(target);
      if (!toLayer || toLayer === fromLayer || MAY_IMPORT[fromLayer].includes(toLayer)) return;
      context.report({
        node,
        messageId: 'upward',
        data: {
          from: relative(root, from),
          fromLayer,
          to: relative(root, target),
          toLayer,
          allowed: [fromLayer, ...MAY_IMPORT[fromLayer]].join(', '),
        },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
