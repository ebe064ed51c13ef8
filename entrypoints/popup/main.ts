import { askWorker } from '../../lib/ui/ask-worker';
import { describeFailure } from '../../lib/ui/describe-result';
import { PAUSE_CHOICES, renderStatus } from '../../lib/ui/render-status';
import { resultSchema, statusSchema, type ExtensionRequest } from '../../lib/schema/extension-messages';

const $ = (id: string) => document.getElementById(id)!;
const send = (msg: unknown) => browser.runtime.sendMessage(msg);

/** The tab the popup speaks about: the active tab, or ?tabId=N when the popup is opened as a page. */
async function targetTab() {
  const id = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(id) && id > 0) return browser.tabs.get(id);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function showError(message: string) {
  $('error').hidden = false;
  $('error').textContent = message;
}

async function refresh() {
  const tab = await targetTab();
  try {
    renderStatus(document, await askWorker(send, { kind: 'get-status', url: tab?.url ?? null }, statusSchema), new Date());
  } catch (err) {
    showError(`The extension's status could not be read: ${String(err)}`);
  }
}

async function act(request: ExtensionRequest) {
  const result = await askWorker(send, request, resultSchema).catch((err) => ({ ok: false, detail: String(err) }));
  await refresh();
  if (!result.ok) showError(describeFailure(result.detail));
}

$('site-on').addEventListener('change', async (event) => {
  const on = (event.target as HTMLInputElement).checked;
  const tab = await targetTab();
  if (!tab?.url) return;
  const origin = new URL(tab.url).origin;
  // Sites beyond the built-in ones need the person's grant; asking must happen in this click.
  if (on && !(await browser.permissions.contains({ origins: [`${origin}/*`] }))) {
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
    if (!granted) return refresh();
  }
  await act({ kind: 'set-site', origin, on });
});

// The pause choice acts as soon as it is chosen (a segmented control); "Not paused" resumes.
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="pause"]')) {
  radio.addEventListener('change', () => {
    if (!radio.checked) return;
    if (radio.value === 'none') return void act({ kind: 'resume' });
    const minutes = PAUSE_CHOICES[radio.value as keyof typeof PAUSE_CHOICES];
    if (minutes !== undefined) void act({ kind: 'pause', minutes });
  });
}
$('upload-now').addEventListener('click', () => void act({ kind: 'upload-now' }));

void refresh();
