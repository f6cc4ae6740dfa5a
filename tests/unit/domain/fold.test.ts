import { describe, expect, it } from 'vitest';
import { compareVietnamese, foldVietnamese } from '../../../src/domain/fold.ts';

describe('foldVietnamese', () => {
  it('drops tones and vowel marks and lower-cases', () => {
    expect(foldVietnamese('Bảo hiểm Y TẾ')).toBe('bao hiem y te');
    expect(foldVietnamese('Ăn ở, ƯỚC MƠ, ơn nghĩa')).toBe('an o, uoc mo, on nghia');
  });

  it('turns đ and Đ into d', () => {
    expect(foldVietnamese('Đất đai')).toBe('dat dai');
  });

  it('folds text typed with combining marks (NFD) the same as precomposed text', () => {
    expect(foldVietnamese('Tiê\u0301ng Vi\u00ea\u0323t')).toBe(foldVietnamese('Tiếng Việt'));
  });

  it('leaves digits and punctuation alone', () => {
    expect(foldVietnamese('407/QĐ-TTg')).toBe('407/qd-ttg');
  });
});

describe('compareVietnamese', () => {
  const sorted = (words: string[]) => [...words].sort(compareVietnamese);

  it('orders a before ă before â, and d before đ', () => {
    expect(sorted(['Ăn', 'Âm', 'Anh', 'Đông', 'Dương'])).toEqual(['Anh', 'Ăn', 'Âm', 'Dương', 'Đông']);
  });

  it('ignores case and orders numbers by value', () => {
    expect(compareVietnamese('bão', 'Bão')).toBe(0);
    expect(sorted(['Bão số 10', 'Bão số 3'])).toEqual(['Bão số 3', 'Bão số 10']);
  });
});
