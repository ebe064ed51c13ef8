import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../lib/schema/config';
import { DEFAULT_CONFIG } from '../../../lib/rules/config/default-config';
import { privacySettingsForPage } from '../../../lib/rules/capture/settings-for-page';

describe('privacy settings for a page', () => {
  it('joins the value-capture selectors of the rules whose sites match the page', () => {
    const config = {
      privacy: {
        captureValues: [
          { sites: ['https://crm.example.com/*'], selector: '#city' },
          { sites: ['https://crm.example.com/orders/*', 'https://other.example/*'], selector: '.qty' },
          { sites: ['https://other.example/*'], selector: '#never' },
        ],
        keepControlNames: true,
      },
    };
    expect(privacySettingsForPage(config, 'https://crm.example.com/orders/7')).toEqual({
      valueCaptureSelector: '#city, .qty',
      keepControlNames: true,
    });
    expect(privacySettingsForPage(config, 'https://elsewhere.test/')).toEqual({ valueCaptureSelector: null, keepControlNames: true });
  });

  it('defaults allow no value and keep no names; the defaults are valid configuration', () => {
    expect(configSchema.safeParse(DEFAULT_CONFIG).success).toBe(true);
    expect(privacySettingsForPage(DEFAULT_CONFIG, 'http://127.0.0.1/')).toEqual({ valueCaptureSelector: null, keepControlNames: false });
  });
});
