import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../lib/ui/describe-result';

describe('describeFailure', () => {
  it('says an upload failure in plain words, never the state name', () => {
    for (const detail of ['upload backingOff', 'upload rateLimited', 'upload waiting', 'upload did not run']) {
      const text = describeFailure(detail);
      expect(text, detail).not.toMatch(/backingOff|rateLimited|upload waiting|did not run$/);
      expect(text.length, detail).toBeGreaterThan(30);
    }
    expect(describeFailure('upload backingOff')).toMatch(/stay on this computer/);
  });

  it('passes other details through: they are already sentences', () => {
    expect(describeFailure('your organisation does not let you pause recording')).toBe(
      'your organisation does not let you pause recording',
    );
  });
});
