import { DEFAULT_CONFIG } from '../lib/config/default-config';
import { startRecorder } from '../lib/recorder/start-recorder';
import { RECORDER_PORT_NAME } from '../lib/schema/recorder-port';

/**
 * The recorder, in the content script's isolated world (never the page's own
 * JS context, so a page can neither read nor forge events). It only starts
 * recording once the worker has said this page may be recorded.
 */
export default defineContentScript({
  // Static for now; the per-site controls work will register it dynamically.
  matches: DEFAULT_CONFIG.sites,
  runAt: 'document_idle',
  main(ctx) {
    const recorder = startRecorder({
      win: window,
      doc: document,
      connect: () => browser.runtime.connect({ name: RECORDER_PORT_NAME }),
      newId: () => crypto.randomUUID(),
      now: () => Date.now(),
      log: (message, detail) => console.debug(`[webtrace] ${message}`, detail ?? ''),
    });
    ctx.onInvalidated(() => recorder.stop());
  },
});
