import { askWorker } from '../../lib/ui/ask-worker';
import { renderSettings } from '../../lib/ui/render-settings';
import { settingsAnswerSchema } from '../../lib/schema/extension-messages';

const send = (msg: unknown) => browser.runtime.sendMessage(msg);
askWorker(send, { kind: 'get-settings' }, settingsAnswerSchema)
  .then((answer) => renderSettings(document, answer))
  .catch((err) => {
    document.getElementById('source')!.textContent = `The settings could not be read: ${String(err)}`;
  });
