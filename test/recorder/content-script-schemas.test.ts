import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The content script constructs zod schemas at its start only for what it
 * parses: the worker's messages (lib/schema/worker-to-recorder.ts and the
 * chunk key in them), in zod's "mini" form. Any other schema module in its graph would be built in
 * every recorded page for nothing (names and helpers come from the zod-free
 * modules: action-names, marker-events, node-depth, seq-ranges, shot-limits,
 * recorder-stash-text).
 */
describe("the content script's schemas", () => {
  it('only the worker-to-recorder schemas are in its graph', async () => {
    const result = await build({
      entryPoints: ['lib/recorder/start-recorder.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const withZod = Object.entries(result.metafile.inputs)
      .filter(([file, input]) => file.startsWith('lib/') && input.imports.some((i) => i.path.includes('node_modules/zod/')))
      .map(([file]) => file)
      .sort();
    expect(withZod).toEqual(['lib/schema/chunk-key.ts', 'lib/schema/worker-to-recorder.ts']);
    // And those in zod's tree-shakable form: classic zod (every schema kind, built at import) stays out.
    expect(Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/zod/v4/classic/'))).toEqual([]);
  });
});
