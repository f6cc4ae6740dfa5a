import { describe, expect, it } from 'vitest';
import { fitWithin, PHOTO_MAX_SIDE } from '../../../src/domain/photo-size.ts';

describe('photo size', () => {
  it('scales a 12-megapixel camera photo to 1280 px on its longer side, keeping its shape', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1280, height: 960 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 960, height: 1280 });
    expect(fitWithin(4032, 1816)).toEqual({ width: 1280, height: 577 });
  });

  it('never enlarges a small photo', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(PHOTO_MAX_SIDE, 10)).toEqual({ width: PHOTO_MAX_SIDE, height: 10 });
  });

  it('keeps at least one pixel on a very thin panorama and gives nothing for an empty image', () => {
    expect(fitWithin(40000, 10)).toEqual({ width: 1280, height: 1 });
    expect(fitWithin(0, 300)).toEqual({ width: 0, height: 0 });
  });

  it('fits any limit it is given', () => {
    expect(fitWithin(4000, 3000, 640)).toEqual({ width: 640, height: 480 });
  });
});
