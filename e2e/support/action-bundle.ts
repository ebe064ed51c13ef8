import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * rrweb's recorder and the action capture bundled for a plain page
 * (window.__webtraceActions.start() → stop), recording actions into
 * window.__webtraceActions.actions: for measuring the listeners' cost in a real
 * Chromium without the extension, and for looking at a page's actions quickly.
 */
const ENTRY = `
  import { record } from 'rrweb';
  import { startActionCapture } from './lib/actions/start-action-capture';
  const api = {
    actions: [],
    events: 0,
    start(options = {}) {
      const stopRecord = options.rrweb === false ? () => {} : record({ emit: () => { api.events++; }, slimDOMOptions: 'all' });
      // timing: the time spent in the capture's own listeners, per event type (measurement only).
      const original = EventTarget.prototype.addEventListener;
      if (options.timing) {
        api.timing = {};
        EventTarget.prototype.addEventListener = function (type, fn, opts) {
          const timed = function (e) {
            const t0 = performance.now();
            try { return fn.call(this, e); } finally { api.timing[type] = (api.timing[type] || 0) + performance.now() - t0; }
          };
          return original.call(this, type, timed, opts);
        };
      }
      let stopActions;
      try {
        stopActions = options.actions === false ? { stop() {} } : startActionCapture({
          doc: document, win: window, now: () => Date.now(),
          emit: (a) => api.actions.push(a),
          nodeId: (n) => record.mirror.getId(n),
          onError: (e) => { api.errors = (api.errors || 0) + 1; console.error(e); },
        });
      } finally {
        EventTarget.prototype.addEventListener = original;
      }
      return () => { typeof stopActions === 'function' ? stopActions() : stopActions.stop(); stopRecord && stopRecord(); };
    },
  };
  window.__webtraceActions = api;
`;

/** `sourceDir`: another checkout's root (its lib/), to compare with an earlier version. */
export async function actionBundle(sourceDir = fileURLToPath(new URL('../../', import.meta.url))): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: sourceDir, loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    charset: 'ascii',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
