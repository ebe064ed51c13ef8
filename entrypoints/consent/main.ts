import { askWorker } from '../../lib/ui/ask-worker';
import { formatDateTimeInLocale } from '../../lib/rules/format/format-quantities';
import { resultSchema, settingsAnswerSchema, statusSchema, type ExtensionRequest } from '../../lib/schema/extension-messages';

const $ = (id: string) => document.getElementById(id)!;
const send = (msg: unknown) => browser.runtime.sendMessage(msg);

async function refresh() {
  const [status, settings] = await Promise.all([
    askWorker(send, { kind: 'get-status', url: null }, statusSchema),
    askWorker(send, { kind: 'get-settings' }, settingsAnswerSchema),
  ]);
  $('retention').textContent = String(settings.config.retentionDays);
  const shots = settings.config.screenshots;
  $('shots-notice').hidden = shots === null;
  $('shots-sites').textContent = shots?.sites.join(', ') ?? '';
  $('shots-period').textContent = String(shots?.periodicSeconds ?? '');
  const { required, given } = status.consent;
  $('version').textContent = String(required);
  $('endpoint').textContent = status.config.endpoint;
  if (status.consent.purpose) $('purpose').textContent = status.consent.purpose;
  $('org-notice').hidden = !status.consent.notice;
  $('org-notice').textContent = status.consent.notice ?? '';
  const current = given !== null && given.version >= required;
  $('consent-state').textContent = current
    ? `You agreed on ${formatDateTimeInLocale(given.at)}. Recording happens only on sites you turn on.`
    : given
      ? 'What is recorded has changed since you agreed. Nothing is recorded until you agree again.'
      : status.consent.withdrawnAt
        ? `You withdrew your consent on ${formatDateTimeInLocale(status.consent.withdrawnAt)}. Nothing is recorded; you may agree again below.`
        : 'You have not agreed. Nothing is recorded.';
  $('agree').hidden = current;
  $('withdraw').hidden = given === null;
}

async function act(request: ExtensionRequest) {
  const result = await askWorker(send, request, resultSchema).catch((err) => ({ ok: false, detail: String(err) }));
  $('error').hidden = result.ok;
  $('error').textContent = result.ok ? '' : result.detail;
  await refresh();
}

$('agree').addEventListener('click', () => void act({ kind: 'give-consent', version: Number($('version').textContent) }));
$('withdraw').addEventListener('click', () => void act({ kind: 'withdraw-consent' }));
// The organisation's notice and purpose may arrive after the page opened (a policy install): show them when they do.
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') void refresh().catch(() => {});
});
void refresh().catch((err) => {
  $('error').hidden = false;
  $('error').textContent = `Your consent status could not be read: ${String(err)}`;
});
