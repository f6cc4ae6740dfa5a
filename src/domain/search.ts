/**
 * Diacritic-insensitive bulletin search and its ranking. Bulletins are folded once, when they are stored
 * (searchDocOf), so a search only compares plain ASCII-like words: "bao hiem y te" finds "Bảo hiểm y tế",
 * "qd-ttg 407" finds "407/QĐ-TTg".
 *
 * Matching: every word of the query must be a whole word of the bulletin (title, summary, policy reference or
 * body); the last word may be the start of a word while the user is still typing it ("bao hiem y t").
 * Ranking, best first: the query as a phrase in the title, every word in the title, the phrase in the summary or
 * policy reference, every word in the summary and policy reference together, and then the rest (words found in
 * the body or spread over several fields). Within one rank the caller's list order stands.
 */
import { foldVietnamese } from './fold.ts';

/** A bulletin's searchable fields, folded into space-separated words with a space at each end. */
export interface SearchDoc {
  title: string;
  summary: string;
  policyRef: string;
  /** Every distinct word of title, summary, policy reference and body, in order of first appearance. */
  words: string;
}

/** A query as the search compares it. */
export interface SearchQuery {
  /** Folded words, in the order typed. */
  words: string[];
  /** The last word may be a word's beginning: the query did not end with a space or punctuation. */
  lastIsPrefix: boolean;
}

/** How well a bulletin matches a query; higher is better, 0 is no match. */
export const MATCH_RANK = {
  none: 0,
  elsewhere: 1,
  summaryOrRefWords: 2,
  summaryOrRefPhrase: 3,
  titleWords: 4,
  titlePhrase: 5,
} as const;

/** A value of MATCH_RANK. */
export type MatchRank = (typeof MATCH_RANK)[keyof typeof MATCH_RANK];

/**
 * Folds text into space-separated words: no tones or marks, lower case, đ → d, and any run of punctuation a
 * single word break, so "407/QĐ-TTg" becomes "407 qd ttg".
 */
export function foldForSearch(text: string): string {
  return foldVietnamese(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function padded(folded: string): string {
  return folded === '' ? ' ' : ` ${folded} `;
}

/** Folds a bulletin's searchable fields; done once when the bulletin is stored. */
export function searchDocOf(fields: {
  title: string;
  summary: string;
  policyRef: string;
  body: string;
}): SearchDoc {
  const title = foldForSearch(fields.title);
  const summary = foldForSearch(fields.summary);
  const policyRef = foldForSearch(fields.policyRef);
  const body = foldForSearch(fields.body);
  const all = [title, summary, policyRef, body].filter((f) => f !== '').join(' ');
  const distinct = all === '' ? [] : [...new Set(all.split(' '))];
  return {
    title: padded(title),
    summary: padded(summary),
    policyRef: padded(policyRef),
    words: padded(distinct.join(' ')),
  };
}

/** Reads what the user typed; a query without letters or digits has no words and matches everything. */
export function parseQuery(text: string): SearchQuery {
  const folded = foldForSearch(text);
  return {
    words: folded === '' ? [] : folded.split(' '),
    lastIsPrefix: /[\p{L}\p{N}]$/u.test(text),
  };
}

/** A query turned into the strings searched for, built once per search rather than once per bulletin. */
function compile(query: SearchQuery): (doc: SearchDoc) => MatchRank {
  const last = query.words.length - 1;
  // Fields are space-padded, so " word " is a whole word and " word" the start of one.
  const needles = query.words.map((w, i) => (query.lastIsPrefix && i === last ? ` ${w}` : ` ${w} `));
  const phrase = query.lastIsPrefix ? ` ${query.words.join(' ')}` : ` ${query.words.join(' ')} `;
  const hasAll = (field: string) => needles.every((n) => field.includes(n));
  return (doc) => {
    if (needles.length === 0) return MATCH_RANK.elsewhere;
    if (!hasAll(doc.words)) return MATCH_RANK.none;
    if (doc.title.includes(phrase)) return MATCH_RANK.titlePhrase;
    if (hasAll(doc.title)) return MATCH_RANK.titleWords;
    if (doc.summary.includes(phrase) || doc.policyRef.includes(phrase)) return MATCH_RANK.summaryOrRefPhrase;
    if (needles.every((n) => doc.summary.includes(n) || doc.policyRef.includes(n))) {
      return MATCH_RANK.summaryOrRefWords;
    }
    return MATCH_RANK.elsewhere;
  };
}

/** Ranks one bulletin against a query by the rules in the module comment. */
export function matchRank(doc: SearchDoc, query: SearchQuery): MatchRank {
  return compile(query)(doc);
}

/**
 * The items matching the query, best rank first; items of equal rank keep their order in `items`, so the
 * caller's list order (urgent first, then title or date) breaks ties. A query without words returns `items`.
 */
export function searchRanked<T>(items: readonly T[], docOf: (item: T) => SearchDoc, query: SearchQuery): T[] {
  if (query.words.length === 0) return [...items];
  const rankOf = compile(query);
  const byRank: T[][] = Object.values(MATCH_RANK).map(() => []);
  for (const item of items) {
    const rank = rankOf(docOf(item));
    if (rank !== MATCH_RANK.none) byRank[rank]?.push(item);
  }
  return byRank.reverse().flat();
}
