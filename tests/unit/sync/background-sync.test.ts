import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_SYNC_TAG, requestBackgroundSync } from '../../../src/client/sync/background-sync.ts';

function stubRegistration(registration: object | undefined): void {
  vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => registration } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('requestBackgroundSync', () => {
  it('registers the sync tag where the registration has Background Sync', async () => {
    const register = vi.fn(async () => undefined);
    stubRegistration({ sync: { register } });

    expect(await requestBackgroundSync()).toBe(true);
    expect(register).toHaveBeenCalledWith(BACKGROUND_SYNC_TAG);
    expect(BACKGROUND_SYNC_TAG).toBe('loaxa-sync');
  });

  it('does nothing without a service worker, without Background Sync, or when registering is refused', async () => {
    stubRegistration(undefined);
    expect(await requestBackgroundSync()).toBe(false);
    stubRegistration({});
    expect(await requestBackgroundSync()).toBe(false);
    stubRegistration({
      sync: { register: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
    expect(await requestBackgroundSync()).toBe(false);
    vi.stubGlobal('navigator', {});
    expect(await requestBackgroundSync()).toBe(false);
  });
});
