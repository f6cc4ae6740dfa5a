import { describe, expect, it } from 'vitest';
import { validityOn } from '../../../src/domain/bulletin-listing.ts';

describe('validityOn', () => {
  const window = { validFrom: '2026-03-01', validUntil: '2026-03-31' };

  it('counts both ends of the window as in force', () => {
    expect(validityOn(window, '2026-02-28')).toBe('upcoming');
    expect(validityOn(window, '2026-03-01')).toBe('current');
    expect(validityOn(window, '2026-03-31')).toBe('current');
    expect(validityOn(window, '2026-04-01')).toBe('expired');
  });

  it('never expires a bulletin without an end date', () => {
    expect(validityOn({ validFrom: '2026-03-01', validUntil: null }, '2099-01-01')).toBe('current');
  });
});
