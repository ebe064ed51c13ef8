/**
 * Every key the extension writes in `browser.storage` (local and session). One list, so two modules
 * cannot pick the same key for different things and a test or tool names them the same way.
 */

/** storage.local: a developer's or pilot's configuration override (lib/rules/config/load-config.ts). */
export const LOCAL_CONFIG_KEY = 'webtrace:config';
/** storage.local: the person's choices (consent, sites, pause). */
export const EMPLOYEE_STATE_KEY = 'webtrace:state';
/** storage.local: upload backoff, so a restarted worker keeps honouring it. */
export const UPLOAD_STATE_KEY = 'webtrace:uploadState';
/** storage.local: this installation's random id. */
export const INSTALL_ID_KEY = 'webtrace:installId';
/** storage.local: what a recorder left as its page went, one entry per page load (prefix + pageLoadId). */
export const RECORDER_STASH_PREFIX = 'webtrace:stash:';
/** storage.session: an empty managed policy was already confirmed in this browser session. */
export const POLICY_CONFIRMED_KEY = 'webtrace:policyConfirmed';
/** storage.session: one tab's session and page numbers. */
export const tabSessionKey = (tabId: number) => `webtrace:tab:${tabId}`;
/** storage.local: this installation's erasure secret (hex), sent only to erase its uploads. */
export const ERASURE_SECRET_KEY = 'webtrace:erasureSecret';
/** storage.local: consent receipts waiting for the server's ack, and those it refused. */
export const CONSENT_OUTBOX_KEY = 'webtrace:consentOutbox';
/** storage.local: the server's confirmation of the person's last "Delete my uploaded recordings". */
export const ERASURE_CONFIRMATION_KEY = 'webtrace:erasureConfirmation';
/** storage.local: this installation's credential for uploads (issue 16), from POST /v1/installs/enrol. */
export const INSTALL_CREDENTIAL_KEY = 'webtrace:installCredential';
