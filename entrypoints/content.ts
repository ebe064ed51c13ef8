import { startRecorder } from '../lib/recorder/start-recorder';
import { RECORDER_PORT_NAME } from '../lib/schema/worker-to-recorder';

/**
 * The recorder, in the content script's isolated world (never the page's own
 * JS context, so a page can neither read nor forge events). It only starts
 * recording once the worker has said this page may be recorded.
 */
export default defineContentScript({
  // Registered at run time, only for the sites the person turned on (lib/platform/content-script-sync.ts).
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  main(ctx) {
    // Injected again into a page that has it (a site turned on twice), WXT invalidates the older
    // context first, so there is only ever one recorder per page.
    const recorder = startRecorder({
      win: window,
      doc: document,
      connect: () => browser.runtime.connect({ name: RECORDER_PORT_NAME }),
      // Not from incognito: the stash carries no tab, so the worker could not apply incognito rules to it.
      stash: browser.extension.inIncognitoContext
        ? undefined
        : (key, value) => void browser.storage.local.set({ [key]: value }).catch(() => {}),
      newId: () => crypto.randomUUID(),
      now: () => Date.now(),
      log: (message, detail) => console.debug(`[webtrace] ${message}`, detail ?? ''),
    });
    ctx.onInvalidated(() => recorder.stop());
  },
});
