import { askWorker } from '../../lib/ui/ask-worker';
import { renderErasureState, wireEraseUploads } from '../../lib/ui/render-erasure';
import { renderMyData } from '../../lib/ui/render-my-data';
import { erasureAnswerSchema, localSessionsAnswerSchema, resultSchema, type ExtensionRequest } from '../../lib/schema/extension-messages';

const send = (msg: unknown) => browser.runtime.sendMessage(msg);
const error = document.getElementById('error')!;

async function refresh() {
  const answer = await askWorker(send, { kind: 'list-local-sessions' }, localSessionsAnswerSchema);
  renderMyData(document, answer, (sessionId) => void act({ kind: 'delete-local-session', sessionId }));
  renderErasureState(document, answer);
}

async function act(request: ExtensionRequest) {
  const result = await askWorker(send, request, resultSchema).catch((err) => ({ ok: false, detail: String(err) }));
  error.hidden = result.ok;
  error.textContent = result.ok ? '' : result.detail;
  await refresh();
}

document.getElementById('delete-all')!.addEventListener('click', () => {
  if (confirm('Delete every recording that has not been uploaded yet?')) void act({ kind: 'delete-all-local' });
});
wireEraseUploads(
  document,
  () => askWorker(send, { kind: 'erase-uploads' }, erasureAnswerSchema),
  () => void refresh().catch(() => {}),
);
void refresh().catch((err) => {
  error.hidden = false;
  error.textContent = `Your recordings could not be listed: ${String(err)}`;
});
