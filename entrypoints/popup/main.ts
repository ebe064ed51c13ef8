import { statusSchema, uploadNowResultSchema } from '../../lib/schema/extension-messages';
import { renderStatus } from '../../lib/popup/render-status';

const $ = (id: string) => document.getElementById(id)!;

async function refresh() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const raw = await browser.runtime.sendMessage({ kind: 'get-status', url: tab?.url ?? null });
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) {
    $('error').hidden = false;
    $('error').textContent = `The extension's status could not be read: ${parsed.error.message}`;
    return;
  }
  renderStatus(document, parsed.data, new Date());
}

$('upload-now').addEventListener('click', async () => {
  const button = $('upload-now') as HTMLButtonElement;
  button.disabled = true;
  const result = uploadNowResultSchema.safeParse(await browser.runtime.sendMessage({ kind: 'upload-now' }));
  button.disabled = false;
  $('error').hidden = result.success && result.data.ok;
  if (!(result.success && result.data.ok)) $('error').textContent = result.success ? result.data.detail : 'Upload failed';
  await refresh();
});

void refresh();
