import { describe, expect, it } from 'vitest';
import { LANGUAGES, LANGUAGE_CODES, VIETNAMESE, findLanguage } from '../../../src/domain/languages.ts';

describe('language registry', () => {
  it('has unique three-letter ISO 639-3 codes and well-formed BCP-47 tags', () => {
    expect(new Set(LANGUAGE_CODES).size).toBe(LANGUAGES.length);
    for (const language of LANGUAGES) {
      expect(language.code).toMatch(/^[a-z]{3}$/);
      expect(language.bcp47).toMatch(/^[a-z]{2,3}(-[A-Z]{2})?$/);
      for (const tag of language.voiceTags) expect(tag).toMatch(/^[a-z]{2,3}(-[A-Z]{2})?$/);
      expect(language.nameVi.length).toBeGreaterThan(3);
      expect(language.endonym.length).toBeGreaterThan(1);
      expect(language.script).toMatch(/^[A-Z][a-z]{3}$/);
    }
  });

  it('lists the languages DESIGN.md §7 names, Vietnamese first', () => {
    expect(LANGUAGE_CODES[0]).toBe(VIETNAMESE);
    for (const code of ['khm', 'hmn', 'blt', 'tyz', 'nut', 'mtq', 'ium', 'rad', 'jra', 'bdq', 'sed', 'kuf']) {
      expect(findLanguage(code)).toBeDefined();
    }
    expect(findLanguage('khm')?.bcp47).toBe('km');
    expect(findLanguage('vie')?.bcp47).toBe('vi');
    expect(findLanguage('xyz')).toBeUndefined();
  });
});
