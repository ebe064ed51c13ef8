import type { ReleaseInput } from '../../lib/schema/release-input';

/** A package input with values that need escaping in every format (quotes, backslashes, markup, a line break). */
export const INPUT: ReleaseInput = {
  extensionId: 'fkojjhjhaokdklacgfcnopabagfoamdc',
  updateUrl: 'https://traces.example.com/updates.xml',
  organization: { name: 'Example & "Sons" <Ltd>', profileIdentifier: 'com.example.it' },
  policy: {
    ingestEndpoint: 'https://traces.example.com',
    ingestToken: 'tok\\en"with<odd>&chars',
    organizationId: 'example',
    allowedSites: ['https://crm.example.com/*', 'https://*.erp.example.com/*'],
    blockedSites: ['https://crm.example.com/admin/*'],
    captureOnByDefault: true,
    pauseAllowed: false,
    captureValues: [{ sites: ['https://crm.example.com/*'], selector: 'input[name="ticket"]' }],
    uploadIntervalSeconds: 60,
    consentVersion: 3,
    organizationNotice: 'Questions?\nWrite to privacy@example.com',
  },
};
