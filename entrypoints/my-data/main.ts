import { askWorker } from '../../lib/ui/ask-worker';
import { renderErasureState, wireEraseUploads } from '../../lib/ui/render-erasure';
import { renderMyData } from '../../lib/ui/render-my-data';
import { renderUploads, wireCopyInstallId } from '../../lib/ui/render-uploads';
import {
  erasureAnswerSchema,
  localSessionsAnswerSchema,
  resultSchema,
  uploadsAnswerSchema,
  type ExtensionRequest,
} from '../../lib/schema/extension-messages';

const send = (msg: unknown) => browser.runtime.sendMessage(msg);
const error = document.getElementById('error')!;

async function refresh() {
  const answer = await askWorker(send, { kind: 'list-local-sessions' }, localSessionsAnswerSchema);
  renderMyData(document, answer, (sessionId) => void act({ kind: 'delete-local-session', sessionId }));
  renderErasureState(document, answer);
}

async function refreshUploads() {
  const summary = document.getElementById('uploads-summary')!;
  summary.textContent = 'Asking the server…';
  try {
    renderUploads(document, await askWorker(send, { kind: 'list-uploads' }, uploadsAnswerSchema));
  } catch (err) {
    summary.dataset.state = 'failed';
    summary.textContent = `Your uploads could not be listed (${String(err)}). Reload this page to try again.`;
  }
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
document.getElementById('uploads-refresh')!.addEventListener('click', () => void refreshUploads());
wireCopyInstallId(document, (text) => navigator.clipboard.writeText(text));
wireEraseUploads(
  document,
  () => askWorker(send, { kind: 'erase-uploads' }, erasureAnswerSchema),
  () => void Promise.all([refresh(), refreshUploads()]).catch(() => {}),
);
void refresh().catch((err) => {
  error.hidden = false;
  error.textContent = `Your recordings could not be listed: ${String(err)}`;
});
void refreshUploads();
