/**
 * What a staff password must be, for the people who type it: long enough, and not one an attacker tries first.
 * Length is what makes a password hard to guess, so the rule asks for length and nothing else (no required
 * digits or symbols, which lead to "Matkhau@1"); it refuses the commonest passwords and their near copies
 * (case, spaces and Vietnamese diacritics ignored), runs of one character or of the keyboard, and a password
 * that contains the account's login.
 */
import { foldVietnamese } from './fold.ts';

/** Fewest characters a password has: a Vietnamese phrase of three or four words passes easily. */
export const PASSWORD_MIN_LENGTH = 10;
/** Most characters: bounds the work of hashing one. */
export const PASSWORD_MAX_LENGTH = 200;

/** Why a password is refused. */
export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_login';

/**
 * The passwords tried first in dictionary attacks and by people guessing at a commune office, folded (lower
 * case, no spaces, no diacritics) and at least PASSWORD_MIN_LENGTH long, since shorter ones are refused anyway.
 */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'a123456789',
  '1234567890a',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty1234',
  'qwerty123456',
  'asdfghjkl1',
  'zxcvbnm123',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'iloveyou123',
  'abc1234567',
  'abcd123456',
  'abcdefghij',
  'matkhau123',
  'matkhau1234',
  'matkhaumoi1',
  'anhyeuem123',
  'emyeuanh123',
  'vietnam123',
  'vietnam1234',
  'hanoi12345',
  'admin12345',
  'admin123456',
  'administrator',
  'quantri123',
  'loaxa12345',
  'loaxademo1',
  'loaxa-demo',
  'loaxademo',
  'truyenthanh',
  'truyenthanh1',
  'daitruyenthanh',
]);

/** Keyboard and counting runs a password may not simply be a piece of. */
const RUNS = ['01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];

function isRun(folded: string): boolean {
  if (new Set(folded).size <= 2) return true;
  const reversed = [...folded].reverse().join('');
  return RUNS.some((run) => run.includes(folded) || run.includes(reversed));
}

/** The first problem with a password for the account `login`, or null when it may be used. */
export function passwordProblem(password: string, login: string): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const folded = foldVietnamese(password).replace(/\s+/g, '');
  if (COMMON.has(folded) || isRun(folded)) return 'common';
  const foldedLogin = foldVietnamese(login);
  if (foldedLogin.length >= 3 && folded.includes(foldedLogin)) return 'contains_login';
  return null;
}
