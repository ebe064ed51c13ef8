import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCESSING_FACTS, processingFactsSchema } from '../../../server/audit/processing-facts';
import { buildProcessingRecord } from '../../../server/audit/processing-record';

describe('buildProcessingRecord', () => {
  it('states the safeguards in force, and the same facts give the same record', () => {
    const facts = processingFactsSchema.parse({
      ...DEFAULT_PROCESSING_FACTS,
      safeguards: {
        ...DEFAULT_PROCESSING_FACTS.safeguards,
        masking: {
          captureValues: [{ sites: ['https://crm.example.com/*'], selector: '#search' }],
          maskAllText: true,
          blockSelectors: ['.salary'],
          maskSelectors: [],
        },
      },
    });
    const record = buildProcessingRecord(facts, 0);
    expect(record.securityMeasures).toEqual(
      expect.arrayContaining([
        'All page text is masked',
        'Regions matching .salary are not recorded',
        expect.stringMatching(/^Values kept on https:\/\/crm\.example\.com\/\* for fields matching #search/),
        expect.stringMatching(/^PII detectors \(email, phone, card, ssn, iban, ip, secret\)/),
      ]),
    );
    expect(record.controller).toMatch(/^not set/);
    expect(record.transfers).toEqual(['None']);
    expect(buildProcessingRecord(facts, 0)).toEqual(record);
  });

  it('the defaults are valid facts', () => {
    expect(processingFactsSchema.safeParse(DEFAULT_PROCESSING_FACTS).success).toBe(true);
  });
});
