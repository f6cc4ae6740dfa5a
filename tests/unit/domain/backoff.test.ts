import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from '../../../src/domain/backoff.ts';

const almostOne = () => 0.999_999;

describe('retryDelayMs', () => {
  it('doubles the ceiling from 30 s with each failure in a row', () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelayMs(attempt, almostOne))).toEqual([
      29_999, 59_999, 119_999, 239_999,
    ]);
    expect(RETRY_BASE_MS).toBe(30_000);
  });

  it('never waits more than an hour, however many failures', () => {
    expect(retryDelayMs(7, almostOne)).toBe(RETRY_MAX_MS - 4);
    expect(retryDelayMs(1_000, almostOne)).toBe(RETRY_MAX_MS - 4);
    expect(Number.isFinite(retryDelayMs(Number.MAX_SAFE_INTEGER, almostOne))).toBe(true);
  });

  it('draws the delay uniformly below the ceiling (full jitter)', () => {
    expect(retryDelayMs(2, () => 0)).toBe(0);
    expect(retryDelayMs(2, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(0, () => 0.25)).toBe(7_500);
  });

  it('treats a negative attempt as the first and clamps a random value out of range', () => {
    expect(retryDelayMs(-3, () => 0.5)).toBe(15_000);
    expect(retryDelayMs(0, () => 1.5)).toBe(30_000);
    expect(retryDelayMs(0, () => -1)).toBe(0);
  });
});
