/** Folds Vietnamese text for search: lower case, tones and vowel marks removed, đ → d. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Folded text with, for each of its UTF-16 units, the index in the original of the character it came from. */
export interface FoldedWithOrigins {
  folded: string;
  origins: number[];
}

/**
 * Folds `text` as foldVietnamese does, one code point at a time, so a match found in the folded text can be
 * mapped back onto the original: folding changes lengths ("ả" may be one or three UTF-16 units, a combining mark
 * folds to nothing), so folded and original offsets differ.
 */
export function foldWithOrigins(text: string): FoldedWithOrigins {
  let folded = '';
  const origins: number[] = [];
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    // Most of a Vietnamese text is ASCII, which only needs lower-casing: skip the normalisation there.
    const piece = char < '\u0080' ? char.toLowerCase() : foldVietnamese(char);
    folded += piece;
    for (let j = 0; j < piece.length; j++) origins.push(i);
    i += char.length;
  }
  return { folded, origins };
}

const vietnameseCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two strings in Vietnamese dictionary order (a ă â b c d đ e ê …). */
export function compareVietnamese(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}
