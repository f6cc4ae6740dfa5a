import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, passwordProblem } from '../../../src/domain/password-policy.ts';

describe('passwordProblem', () => {
  it('accepts a long phrase, without asking for digits or symbols', () => {
    expect(passwordProblem('loa xã bản Sà Phìn', 'xa.taphin')).toBeNull();
    expect(passwordProblem('mưa rừng đầu mùa', 'phong.vhtt')).toBeNull();
  });

  it('counts characters, not bytes, and bounds the length', () => {
    expect(passwordProblem('đđđđ ẫẫẫẫ', 'an')).toBe('too_short');
    expect(passwordProblem('ngắn quá', 'an')).toBe('too_short');
    expect(passwordProblem('a'.repeat(PASSWORD_MAX_LENGTH + 1), 'an')).toBe('too_long');
  });

  it('refuses the commonest passwords, whatever the case, spaces and diacritics', () => {
    for (const password of ['1234567890', 'Mật Khẩu 123', 'QWERTYUIOP', 'Anh yêu em 123', 'loaxa-demo']) {
      expect(passwordProblem(password, 'someone')).toBe('common');
    }
  });

  it('refuses runs of one or two characters and keyboard or counting runs', () => {
    for (const password of ['aaaaaaaaaaaa', 'ababababab', '9876543210', 'abcdefghijk', 'ponmlkjihgfe']) {
      expect(passwordProblem(password, 'someone')).toBe('common');
    }
  });

  it("refuses a password that holds the account's login", () => {
    expect(passwordProblem('phong.vhtt 2027 mới', 'phong.vhtt')).toBe('contains_login');
  });
});
