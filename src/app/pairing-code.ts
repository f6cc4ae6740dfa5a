import { formatPairingCode, PAIRING_CODE_LENGTH } from '../domain/accounts.ts';

/**
 * A pairing code as it is typed, tidied for reading: upper case, letters and digits only, at most a code's
 * length, with a dash after the fourth. Spaces and dashes people type between the groups are dropped; the
 * letters a code never holds are left for normalizePairingCode to read (O as 0) or refuse on submit.
 */
export function tidyPairingCode(input: string): string {
  const chars = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, PAIRING_CODE_LENGTH);
  return chars.length > 4 ? formatPairingCode(chars) : chars;
}
