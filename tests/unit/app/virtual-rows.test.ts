import { describe, expect, it } from 'vitest';
import { rowAt, rowOffsets, rowWindow } from '../../../src/app/components/virtual-rows.ts';

describe('rowOffsets', () => {
  it('sums heights into top offsets, the total last', () => {
    expect(Array.from(rowOffsets(3, (i) => [10, 20, 30][i]!))).toEqual([0, 10, 30, 60]);
    expect(Array.from(rowOffsets(0, () => 10))).toEqual([0]);
  });
});

describe('rowAt', () => {
  const offsets = rowOffsets(4, () => 100);

  it('finds the row under a position; a position on a boundary belongs to the row below', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 99.5)).toBe(0);
    expect(rowAt(offsets, 100)).toBe(1);
    expect(rowAt(offsets, 399)).toBe(3);
    expect(rowAt(offsets, 400)).toBe(4);
  });
});

describe('rowWindow', () => {
  const offsets = rowOffsets(5000, () => 100);

  it('renders the visible rows plus the overscan, standing in for the rest with space', () => {
    expect(rowWindow(offsets, 1000, 1740, 200)).toEqual({ start: 8, end: 20, before: 800, after: 498_000 });
  });

  it('starts at the first row at the top and ends at the last at the bottom', () => {
    expect(rowWindow(offsets, 0, 740, 800)).toMatchObject({ start: 0, end: 16, before: 0 });
    expect(rowWindow(offsets, 499_500, 500_240, 800)).toMatchObject({ start: 4987, end: 5000, after: 0 });
  });

  it('keeps one row when scrolled past the end, none for an empty list', () => {
    expect(rowWindow(offsets, 900_000, 900_740, 0)).toMatchObject({ start: 4999, end: 5000 });
    expect(
      rowWindow(
        rowOffsets(0, () => 100),
        0,
        740,
        800,
      ),
    ).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it('follows measured rows of different heights', () => {
    const mixed = rowOffsets(4, (i) => [50, 150, 80, 120][i]!);
    expect(rowWindow(mixed, 60, 210, 0)).toEqual({ start: 1, end: 3, before: 50, after: 120 });
  });
});
