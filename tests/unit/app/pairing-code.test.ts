import { describe, expect, it } from 'vitest';
import { normalizePairingCode } from '../../../src/domain/accounts.ts';
import { tidyPairingCode } from '../../../src/app/pairing-code.ts';

describe('tidyPairingCode', () => {
  it('upper-cases, drops spaces and dashes, and groups by four', () => {
    expect(tidyPairingCode(' k7qf 9m2x ')).toBe('K7QF-9M2X');
    expect(tidyPairingCode('k7-qf-9m-2x')).toBe('K7QF-9M2X');
    expect(tidyPairingCode('K7QF-9M2X')).toBe('K7QF-9M2X');
  });

  it('adds the dash only once the second group starts, so typing and deleting stay natural', () => {
    expect(tidyPairingCode('k7q')).toBe('K7Q');
    expect(tidyPairingCode('K7QF')).toBe('K7QF');
    expect(tidyPairingCode('K7QF-')).toBe('K7QF');
    expect(tidyPairingCode('K7QF9')).toBe('K7QF-9');
  });

  it('stops at eight characters and keeps what it shows a code the server reads the same way', () => {
    expect(tidyPairingCode('K7QF9M2XAB')).toBe('K7QF-9M2X');
    // O and I are left for normalizePairingCode, which reads them as 0 and 1.
    const typed = tidyPairingCode('k7qo 9m2i');
    expect(typed).toBe('K7QO-9M2I');
    expect(normalizePairingCode(typed)).toBe('K7Q09M21');
  });
});
