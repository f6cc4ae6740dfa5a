import { foldVietnamese } from './fold.ts';

/** A file-name-safe slug: Vietnamese folded to ASCII, words joined by hyphens, cut at a word within `max`. */
export function slugify(text: string, max = 60): string {
  const slug = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, '');
}

/** The name an exported bulletin audio is saved under: "loaxa-<slug of the title>-<language code>.wav". */
export function audioFileName(title: string, lang: string): string {
  const slug = slugify(title);
  return `loaxa-${slug === '' ? 'ban-tin' : slug}-${lang}.wav`;
}
