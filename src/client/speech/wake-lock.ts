/**
 * Keeps the screen on while a broadcast plays: a phone that goes to sleep mid-bulletin may cut the sound of
 * the Web Speech voice or freeze the page. Browsers drop the lock whenever the page is hidden, so it is
 * taken again when the operator comes back.
 */

/** Holds a screen wake lock where the browser offers one; call the returned function to let it go. */
export function keepScreenOn(): () => void {
  if (!('wakeLock' in navigator)) return () => undefined;
  let sentinel: WakeLockSentinel | null = null;
  let released = false;
  const acquire = () => {
    if (released || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    navigator.wakeLock.request('screen').then(
      (lock) => {
        if (released) void lock.release();
        else sentinel = lock;
      },
      // Refused (battery saver, no user gesture): the broadcast plays on, the screen may just dim.
      () => undefined,
    );
  };
  document.addEventListener('visibilitychange', acquire);
  acquire();
  return () => {
    released = true;
    document.removeEventListener('visibilitychange', acquire);
    sentinel?.release().catch(() => undefined);
    sentinel = null;
  };
}
