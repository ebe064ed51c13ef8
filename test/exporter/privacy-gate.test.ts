import { describe, expect, it } from 'vitest';
import { piiKindsIn, scanRow } from '../../exporter/privacy/privacy-gate';
import { sampleStep } from './fixtures';

describe('privacy gate', () => {
  it('finds PII the way the scrubbers do, but leaves the hosts of URLs (captured by design)', () => {
    expect(piiKindsIn("goto('http://127.0.0.1:8787/app/orders/[id]')")).toEqual([]);
    expect(piiKindsIn('<a href="https://192.168.1.20/x" data-webtrace-rect="8,21.4,1008,479.4" data-webtrace-id="1234567">')).toEqual([]);
    expect(piiKindsIn('the database at 192.168.1.20 is down')).toEqual(['ip']);
    expect(piiKindsIn('write to ada@example.org')).toEqual(['email']);
    expect(piiKindsIn('https://a.test/u/ada@example.org')).toEqual(['email']);
    expect(piiKindsIn('[email:l] and [card:m]')).toEqual([]);
  });

  it('names the field of every hit, and marks never-captured kinds fatal', () => {
    const row = sampleStep(1);
    expect(scanRow(row, { dom_html: '<p>ok</p>' })).toEqual([]);
    row.target!.name = 'Pay 4111 1111 1111 1111';
    row.observation!.candidates[0]!.name = 'ada@example.org';
    row.axtree = "RootWebArea 'Keys'\n\t[3] StaticText 'sk_live_51HxYzAbCdEfGhIjKl'";
    expect(scanRow(row, { dom_html: '<p>call +44 20 7946 0958</p>' })).toEqual([
      { field: 'target.name', kind: 'card', fatal: true },
      { field: 'observation.candidates.name', kind: 'email', fatal: false },
      { field: 'axtree', kind: 'secret', fatal: true },
      { field: 'dom_html', kind: 'phone', fatal: false },
    ]);
  });

  it('does not read binary columns as text', () => {
    const row = sampleStep(1, { dom_html_gz: new TextEncoder().encode('ada@example.org') });
    expect(scanRow(row)).toEqual([]);
  });
});
