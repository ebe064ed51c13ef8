import { bundleForPage } from './page-bundle';

/**
 * rrweb and the page privacy layer bundled for a plain page (window.__webtracePrivacy),
 * so a test can time them against each other in a real Chromium without the extension.
 */
const ENTRY = `
  import { record } from 'rrweb';
  import { createPagePrivacy } from './lib/privacy/page-privacy';
  import { rrwebOptions } from './lib/recorder/rrweb-options';
  (window as any).__webtracePrivacy = { record, createPagePrivacy, rrwebOptions };
`;

export function privacyBundle(): Promise<string> {
  return bundleForPage(ENTRY);
}
