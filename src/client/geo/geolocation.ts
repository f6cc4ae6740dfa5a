/**
 * The position of a vehicle stop, from the Geolocation API. A first fix comes fast (a recent cached position
 * or the network's estimate); the device then keeps listening for a while for a better one (GPS warming up),
 * and stops as soon as one is good enough. Every outcome is a state the form can spell out.
 */
import type { GeoPosition } from '../../domain/schemas/broadcast-log.ts';

/** Where a position request stands. `refining` while a better fix is still awaited. */
export type GeoState =
  | { kind: 'locating' }
  | { kind: 'fix'; position: GeoPosition; refining: boolean }
  | { kind: 'denied' | 'unavailable' | 'timeout' | 'unsupported' };

/** The part of the browser's Geolocation this module uses. */
export type GeolocationLike = Pick<Geolocation, 'getCurrentPosition' | 'watchPosition' | 'clearWatch'>;

/** How long to wait and how good a position must be. */
export interface LocateOptions {
  /** Longest wait for the first fix. */
  timeoutMs?: number;
  /** Oldest cached position accepted: a vehicle moves between stops, so only a very recent one will do. */
  maximumAgeMs?: number;
  /** How long to keep listening for a better fix after the first one. */
  refineMs?: number;
  /** Accuracy (metres) at which listening stops early. */
  goodEnoughM?: number;
}

const DEFAULTS: Required<LocateOptions> = {
  timeoutMs: 30_000,
  maximumAgeMs: 10_000,
  refineMs: 20_000,
  goodEnoughM: 20,
};

/** The state of a failed request, by the PositionError code (1 denied, 2 unavailable, 3 timeout). */
export function stateOfError(error: Pick<GeolocationPositionError, 'code'>): GeoState {
  if (error.code === 1) return { kind: 'denied' };
  if (error.code === 3) return { kind: 'timeout' };
  return { kind: 'unavailable' };
}

/** A reported position as a log stores it: about 10 cm of precision, accuracy in whole metres rounded up. */
export function positionOf(
  coords: Pick<GeolocationCoordinates, 'latitude' | 'longitude' | 'accuracy'>,
): GeoPosition {
  const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    lat: round6(coords.latitude),
    lng: round6(coords.longitude),
    accuracyM: Math.ceil(Math.max(0, coords.accuracy)),
  };
}

/**
 * Asks for the device's position and reports each state through `onState`: locating, then a fix that may
 * improve while `refining`, or why there is none. Returns a function that stops listening (no state follows).
 */
export function locate(
  geolocation: GeolocationLike | undefined,
  onState: (state: GeoState) => void,
  options: LocateOptions = {},
): () => void {
  const { timeoutMs, maximumAgeMs, refineMs, goodEnoughM } = { ...DEFAULTS, ...options };
  if (!geolocation) {
    onState({ kind: 'unsupported' });
    return () => undefined;
  }
  let over = false;
  let best: GeoPosition | null = null;
  let watchId: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    over = true;
    clearTimeout(timer);
    if (watchId !== null) geolocation.clearWatch(watchId);
    watchId = null;
  };
  const finish = () => {
    stop();
    if (best) onState({ kind: 'fix', position: best, refining: false });
  };
  const accept = (reported: GeolocationPosition) => {
    if (over) return;
    const position = positionOf(reported.coords);
    if (best && position.accuracyM >= best.accuracyM) return;
    best = position;
    if (position.accuracyM <= goodEnoughM) return finish();
    onState({ kind: 'fix', position, refining: true });
    if (watchId === null) {
      // Later errors (a lost signal while refining) leave the fix already found as it is.
      watchId = geolocation.watchPosition(accept, () => undefined, {
        enableHighAccuracy: true,
        timeout: timeoutMs,
        maximumAge: 0,
      });
      timer = setTimeout(finish, refineMs);
    }
  };

  onState({ kind: 'locating' });
  geolocation.getCurrentPosition(
    accept,
    (error) => {
      if (over || best) return;
      stop();
      onState(stateOfError(error));
    },
    { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: maximumAgeMs },
  );
  return stop;
}

/** The browser's Geolocation, or undefined where there is none. */
export function deviceGeolocation(): GeolocationLike | undefined {
  return typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : undefined;
}
