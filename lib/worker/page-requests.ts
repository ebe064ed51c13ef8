import { extensionRequestSchema, type ExtensionRequest } from '../schema/extension-messages';
import { formatIssues } from '../schema/format-issues';

/**
 * Requests from the extension's own pages (popup, consent, options, my data): only they may ask;
 * content scripts talk over their port. Every request is parsed; an invalid one is answered, not thrown.
 */
export function createPageRequestListener(own: { id: string; baseUrl: string }, answer: (request: ExtensionRequest) => Promise<unknown>) {
  return (raw: unknown, sender: chrome.runtime.MessageSender, sendResponse: (answer: unknown) => void): boolean => {
    if (sender.id !== own.id || !sender.url?.startsWith(own.baseUrl)) return false;
    const parsed = extensionRequestSchema.safeParse(raw);
    const reply = parsed.success
      ? answer(parsed.data)
      : Promise.resolve({ ok: false, detail: `invalid request: ${formatIssues(parsed.error.issues, { root: '(root)' })}` });
    // sendResponse rather than a returned promise: not every Chromium honours the latter.
    reply.then(sendResponse, (err) => sendResponse({ ok: false, detail: String(err) }));
    return true;
  };
}
