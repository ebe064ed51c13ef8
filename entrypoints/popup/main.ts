import { askWorker } from '../../lib/ui/ask-worker';
import { renderStatus } from '../../lib/ui/render-status';
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
  if (!result.ok) showError(result.detail);
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

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-pause]')) {
  button.addEventListener('click', () => {
    const minutes = button.dataset.pause ? Number(button.dataset.pause) : null;
    void act({ kind: 'pause', minutes: minutes as 15 | 60 | null });
  });
}
$('resume').addEventListener('click', () => void act({ kind: 'resume' }));
$('upload-now').addEventListener('click', () => void act({ kind: 'upload-now' }));

void refresh();
