import { describe, expect, it } from 'vitest';
import { queueLevel } from '../../../lib/rules/storage/storage-budget';

describe('queueLevel', () => {
  it('is full at the cap (new pages wait) and over 10 % past it (recording pages stop)', () => {
    expect(queueLevel(999, 1000)).toBe('ok');
    expect(queueLevel(1000, 1000)).toBe('full');
    expect(queueLevel(1099, 1000)).toBe('full');
    expect(queueLevel(1100, 1000)).toBe('over');
  });
});
