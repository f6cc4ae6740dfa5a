/** Folds Vietnamese text for search: lower case, tones and vowel marks removed, đ → d. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const vietnameseCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two strings in Vietnamese dictionary order (a ă â b c d đ e ê …). */
export function compareVietnamese(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}
