import * as make from './canary-values';

/**
 * The leak vectors of the canary suite (e2e/canary.spec.ts). Each plants one
 * fresh random value on a canary page (e2e/canary/*.html, as `{{id}}`) or
 * types, pastes or autofills it there; none of its forms (`needles`) may
 * appear anywhere the extension stores or sends, or the server writes.
 */
export type CanaryPage = 'forms' | 'text' | 'regions' | 'shadow' | 'frame' | 'spa';

export interface LeakVector {
  id: string;
  page: CanaryPage;
  what: string;
  make: () => string;
  /** Every form of the value that would be a leak (default: the value). */
  needles?: (value: string) => string[];
}

const withDigitsOnly = (v: string) => [v, v.replace(/\D/g, '')];
const cardNeedles = (v: string) => [v, v.replace(/\D/g, ''), v.slice(0, 9), v.slice(10)];

export const VECTORS: readonly LeakVector[] = [
  // Typed, pasted, autofilled and script-set values (rule 1).
  { id: 'input-typed', page: 'forms', what: 'text typed into an <input type=text>', make: make.plain },
  { id: 'textarea-typed', page: 'forms', what: 'text typed into a <textarea>', make: make.plain },
  { id: 'contenteditable-typed', page: 'forms', what: 'text typed into a contenteditable region', make: make.plain },
  { id: 'password-typed', page: 'forms', what: 'a typed password', make: make.plain },
  { id: 'otp-typed', page: 'forms', what: 'a one-time code typed into autocomplete=one-time-code', make: make.number12 },
  { id: 'email-field-typed', page: 'forms', what: 'an address typed into <input type=email>', make: make.email },
  { id: 'number-typed', page: 'forms', what: 'digits typed into <input type=number>', make: make.number12 },
  { id: 'search-typed', page: 'forms', what: 'text typed into <input type=search>', make: make.plain },
  {
    id: 'controlled-value-attribute',
    page: 'forms',
    what: 'a controlled input mirroring its value into the value attribute',
    make: make.plain,
  },
  { id: 'input-initial-value', page: 'forms', what: 'a server-rendered value="" on an input', make: make.plain },
  { id: 'textarea-initial-content', page: 'forms', what: 'server-rendered textarea content the page then clears', make: make.plain },
  { id: 'hidden-input', page: 'forms', what: 'a hidden input value', make: make.plain },
  { id: 'select-value', page: 'forms', what: 'the chosen <option> value attribute of a select', make: make.plain },
  { id: 'option-values', page: 'forms', what: 'value attributes of options never chosen', make: make.plain },
  { id: 'checkbox-value', page: 'forms', what: 'the value attribute of a checkbox that is checked', make: make.plain },
  { id: 'radio-value', page: 'forms', what: 'the value attribute of a radio that is chosen', make: make.plain },
  { id: 'file-name', page: 'forms', what: 'the name of a file chosen in <input type=file>', make: make.plain },
  { id: 'script-set-before', page: 'forms', what: 'a value a page script set before recording started', make: make.plain },
  { id: 'script-set-after', page: 'forms', what: 'a value a page script set later (with input/change events)', make: make.plain },
  { id: 'script-set-hidden', page: 'forms', what: 'a hidden input value and attribute a page script set later', make: make.plain },
  {
    id: 'password-shown-typed',
    page: 'forms',
    what: 'a password typed, then shown ("show password" makes it type=text)',
    make: make.plain,
  },
  { id: 'paste-input', page: 'forms', what: 'text pasted (Ctrl+V) into an input', make: make.plain },
  { id: 'paste-editor', page: 'forms', what: 'text pasted (Ctrl+V) into a contenteditable region', make: make.plain },
  {
    id: 'autofill-card',
    page: 'forms',
    what: 'a card number filled by Chromium autofill (cc-number)',
    make: make.card,
    needles: withDigitsOnly,
  },
  { id: 'autofill-name', page: 'forms', what: 'a card holder name filled by Chromium autofill (cc-name)', make: make.word },

  // PII shown in the page: text, attributes, titles, URLs (rule 3).
  { id: 'email-text', page: 'text', what: 'an email address in a text node', make: make.email },
  { id: 'email-title', page: 'text', what: 'an email address in a title attribute', make: make.email },
  { id: 'email-alt', page: 'text', what: 'an email address in an img alt', make: make.email },
  { id: 'email-placeholder', page: 'text', what: 'an email address in a placeholder', make: make.email },
  { id: 'email-mailto', page: 'text', what: 'an email address in a mailto: href', make: make.email },
  { id: 'email-meta', page: 'text', what: 'an email address in a <meta content>', make: make.email },
  { id: 'email-page-title', page: 'text', what: 'an email address in the page <title>', make: make.email },
  { id: 'email-title-script', page: 'text', what: 'an email address put into document.title by a script', make: make.email },
  { id: 'email-added-later', page: 'text', what: 'an email address in text a script adds later', make: make.email },
  { id: 'email-attribute-later', page: 'text', what: 'an email address in an attribute a script sets later', make: make.email },
  { id: 'email-testid', page: 'text', what: 'an email address inside a data-testid of a clicked button', make: make.email },
  { id: 'email-label', page: 'text', what: "an email address in a field's <label> (action name and label)", make: make.email },
  { id: 'email-option-label', page: 'text', what: 'an email address as the visible label of a chosen <option>', make: make.email },
  {
    id: 'phone-aria',
    page: 'text',
    what: 'a phone number in the aria-label of a clicked button',
    make: make.phone,
    needles: withDigitsOnly,
  },
  {
    id: 'phone-text-changed',
    page: 'text',
    what: 'a phone number in text a script changes later',
    make: make.phone,
    needles: withDigitsOnly,
  },
  {
    id: 'phone-option',
    page: 'text',
    what: 'a phone number in an ARIA listbox option that is chosen',
    make: make.phone,
    needles: withDigitsOnly,
  },
  { id: 'card-text', page: 'text', what: 'a card number in text', make: make.card, needles: withDigitsOnly },
  {
    id: 'card-split',
    page: 'text',
    what: 'a card number split across two <span>s of a clicked button',
    make: make.card,
    needles: cardNeedles,
  },
  { id: 'ssn-text', page: 'text', what: 'a US SSN in text', make: make.ssn },
  { id: 'iban-text', page: 'text', what: 'an IBAN in text', make: make.iban, needles: (v) => [v, v.replace(/ /g, '')] },
  { id: 'ipv4-text', page: 'text', what: 'an IPv4 address in text', make: make.ipv4 },
  { id: 'ipv6-text', page: 'text', what: 'an IPv6 address in text', make: make.ipv6 },
  { id: 'api-key-text', page: 'text', what: 'an API key (sk_live_…) in text', make: make.apiKey },
  { id: 'bearer-text', page: 'text', what: 'a bearer token in text', make: make.bearer },
  { id: 'jwt-attribute', page: 'text', what: 'a JWT in a data-* attribute', make: make.jwt },
  { id: 'link-query-token', page: 'text', what: 'a token in the query of a link href', make: make.plain },
  { id: 'img-src-token', page: 'text', what: 'a signature in the query of an img src', make: make.plain },
  { id: 'form-action-token', page: 'text', what: 'a session id in the query of a form action', make: make.plain },
  { id: 'css-url-token', page: 'text', what: 'a token in a url() of a style attribute', make: make.plain },

  // Blocked and masked regions (rules 2 and 4).
  { id: 'blocked-text', page: 'regions', what: 'text inside data-webtrace-block', make: make.word },
  { id: 'blocked-button', page: 'regions', what: 'the name of a clicked button inside data-webtrace-block', make: make.word },
  { id: 'masked-text', page: 'regions', what: 'text inside data-webtrace-mask', make: make.word },
  { id: 'masked-button', page: 'regions', what: 'the name of a clicked button inside data-webtrace-mask', make: make.word },
  { id: 'masked-attribute', page: 'regions', what: 'a title attribute inside data-webtrace-mask', make: make.word },
  {
    id: 'admin-blocked-text',
    page: 'regions',
    what: "text inside the admin's blockSelector (.secret-panel), and a button clicked there",
    make: make.word,
  },
  { id: 'admin-masked-text', page: 'regions', what: "text inside the admin's maskTextSelector (.pii-zone)", make: make.word },
  { id: 'editor-existing-text', page: 'regions', what: 'text already in a contenteditable region when the page loads', make: make.word },
  { id: 'shadow-blocked-text', page: 'regions', what: 'text in the shadow root of a data-webtrace-block host', make: make.word },

  // Shadow DOM and same-origin iframes.
  { id: 'shadow-typed', page: 'shadow', what: 'text typed into an input inside an open shadow root', make: make.plain },
  { id: 'shadow-email', page: 'shadow', what: 'an email address in text inside an open shadow root', make: make.email },
  { id: 'frame-typed', page: 'frame', what: 'text typed into an input in a same-origin iframe', make: make.plain },
  { id: 'frame-email', page: 'frame', what: 'an email address in text in a same-origin iframe', make: make.email },
  { id: 'frame-hidden', page: 'frame', what: 'a hidden input value in a same-origin iframe', make: make.plain },
  { id: 'frame-src-token', page: 'frame', what: 'a token in the query of a same-origin iframe src', make: make.plain },

  // URLs of the page itself (rule 3).
  { id: 'load-url-query', page: 'spa', what: 'a session token in the query of the URL the page was loaded at', make: make.plain },
  { id: 'load-url-fragment', page: 'spa', what: 'a token in the fragment of the URL the page was loaded at', make: make.plain },
  { id: 'spa-query-token', page: 'spa', what: 'a token in a query the SPA pushed with history.pushState', make: make.plain },
  { id: 'spa-hash-token', page: 'spa', what: 'an access_token the SPA put in location.hash', make: make.plain },
  {
    id: 'spa-path-email',
    page: 'spa',
    what: 'an email address as a path segment the SPA pushed',
    make: make.email,
    needles: (v) => [v, encodeURIComponent(v)],
  },
  { id: 'spa-path-id', page: 'spa', what: 'a record id (UUID) as a path segment the SPA pushed', make: make.uuid },
];

/** This run's value for every vector. */
export function plantCanaries(): Map<string, string> {
  const ids = new Set<string>();
  for (const v of VECTORS) {
    if (ids.has(v.id)) throw new Error(`duplicate vector id ${v.id}`);
    ids.add(v.id);
  }
  return new Map(VECTORS.map((v) => [v.id, v.make()]));
}

export function needlesOf(vector: LeakVector, value: string): string[] {
  return [...new Set((vector.needles ?? ((x: string) => [x]))(value))];
}
