import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  locate,
  positionOf,
  stateOfError,
  type GeoState,
  type GeolocationLike,
} from '../../../src/client/geo/geolocation.ts';

type Success = PositionCallback;
type Failure = PositionErrorCallback | null | undefined;

/** The browser's Geolocation as far as its shape goes: callbacks, options, watch ids; answers come from the test. */
class FakeGeolocation implements GeolocationLike {
  current: { success: Success; failure: Failure; options: PositionOptions | undefined }[] = [];
  watches = new Map<number, { success: Success; failure: Failure; options: PositionOptions | undefined }>();
  cleared: number[] = [];
  private nextId = 1;

  getCurrentPosition(success: Success, failure?: Failure, options?: PositionOptions): void {
    this.current.push({ success, failure, options });
  }

  watchPosition(success: Success, failure?: Failure, options?: PositionOptions): number {
    const id = this.nextId++;
    this.watches.set(id, { success, failure, options });
    return id;
  }

  clearWatch(id: number): void {
    this.cleared.push(id);
    this.watches.delete(id);
  }

  /** Answers the pending getCurrentPosition with a position. */
  fix(latitude: number, longitude: number, accuracy: number): void {
    this.current.shift()?.success(position(latitude, longitude, accuracy));
  }

  /** Answers the pending getCurrentPosition with a PositionError. */
  fail(code: 1 | 2 | 3): void {
    this.current.shift()?.failure?.(positionError(code));
  }

  /** Reports a position to every watch. */
  watched(latitude: number, longitude: number, accuracy: number): void {
    for (const watch of this.watches.values()) watch.success(position(latitude, longitude, accuracy));
  }
}

function position(latitude: number, longitude: number, accuracy: number): GeolocationPosition {
  const coords = {
    latitude,
    longitude,
    accuracy,
    altitude: null,
    altitudeAccuracy: null,
    heading: null,
    speed: null,
  };
  return {
    coords: { ...coords, toJSON: () => coords },
    timestamp: Date.now(),
    toJSON: () => ({ coords, timestamp: Date.now() }),
  };
}

function positionError(code: 1 | 2 | 3): GeolocationPositionError {
  return {
    code,
    message: ['', 'User denied Geolocation', 'Position unavailable', 'Timeout expired'][code] ?? '',
    PERMISSION_DENIED: 1,
    POSITION_UNAVAILABLE: 2,
    TIMEOUT: 3,
  };
}

describe('the vehicle stop position', () => {
  let geo: FakeGeolocation;
  let states: GeoState[];
  const record = (state: GeoState) => states.push(state);

  beforeEach(() => {
    vi.useFakeTimers();
    geo = new FakeGeolocation();
    states = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('maps the PositionError codes to denied, unavailable and timeout', () => {
    expect(stateOfError(positionError(1))).toEqual({ kind: 'denied' });
    expect(stateOfError(positionError(2))).toEqual({ kind: 'unavailable' });
    expect(stateOfError(positionError(3))).toEqual({ kind: 'timeout' });
  });

  it('says so when the device has no Geolocation', () => {
    locate(undefined, record);
    expect(states).toEqual([{ kind: 'unsupported' }]);
  });

  it('asks for a fresh, precise fix with a timeout, and reports locating then the fix', () => {
    locate(geo, record, { goodEnoughM: 20 });
    expect(states).toEqual([{ kind: 'locating' }]);
    expect(geo.current[0]?.options).toEqual({
      enableHighAccuracy: true,
      timeout: 30_000,
      maximumAge: 10_000,
    });
    geo.fix(22.3500004, 103.8399996, 11.2);
    expect(states.at(-1)).toEqual({
      kind: 'fix',
      position: { lat: 22.35, lng: 103.84, accuracyM: 12 },
      refining: false,
    });
    // Good enough at once: nothing keeps listening.
    expect(geo.watches.size).toBe(0);
  });

  for (const [code, kind] of [
    [1, 'denied'],
    [2, 'unavailable'],
    [3, 'timeout'],
  ] as const) {
    it(`reports ${kind} when the first request fails with code ${code}`, () => {
      locate(geo, record);
      geo.fail(code);
      expect(states).toEqual([{ kind: 'locating' }, { kind }]);
    });
  }

  it('keeps listening after a rough fix, takes only better ones, and stops once one is good enough', () => {
    locate(geo, record, { goodEnoughM: 20, refineMs: 20_000 });
    geo.fix(22.351, 103.841, 1500);
    expect(states.at(-1)).toMatchObject({ kind: 'fix', refining: true, position: { accuracyM: 1500 } });
    expect([...geo.watches.values()][0]?.options).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });

    geo.watched(22.36, 103.85, 2000);
    expect(states.at(-1)).toMatchObject({ position: { accuracyM: 1500 } });
    geo.watched(22.3502, 103.8401, 65);
    expect(states.at(-1)).toMatchObject({ refining: true, position: { lat: 22.3502, accuracyM: 65 } });
    geo.watched(22.35, 103.84, 8);
    expect(states.at(-1)).toEqual({
      kind: 'fix',
      position: { lat: 22.35, lng: 103.84, accuracyM: 8 },
      refining: false,
    });
    expect(geo.cleared).toEqual([1]);
  });

  it('settles on the best fix when the listening time runs out, ignoring a lost signal meanwhile', () => {
    locate(geo, record, { goodEnoughM: 20, refineMs: 20_000 });
    geo.fix(22.35, 103.84, 300);
    const watch = [...geo.watches.values()][0];
    watch?.failure?.(positionError(2));
    vi.advanceTimersByTime(20_000);
    expect(states.at(-1)).toEqual({
      kind: 'fix',
      position: { lat: 22.35, lng: 103.84, accuracyM: 300 },
      refining: false,
    });
    expect(geo.watches.size).toBe(0);
  });

  it('reports nothing more once stopped', () => {
    const stop = locate(geo, record, { goodEnoughM: 20 });
    geo.fix(22.35, 103.84, 500);
    stop();
    geo.watched(22.35, 103.84, 5);
    vi.advanceTimersByTime(60_000);
    expect(states).toHaveLength(2);
    expect(geo.watches.size).toBe(0);
  });

  it('stores positions to about 10 cm and accuracy in whole metres rounded up', () => {
    expect(positionOf({ latitude: 10.123456789, longitude: -0.0000004, accuracy: 3.01 })).toEqual({
      lat: 10.123457,
      lng: -0,
      accuracyM: 4,
    });
  });
});
