/**
 * Diacritic-insensitive bulletin search, its ranking and the marks that show why a bulletin matched. Bulletins are
 * folded once, when they are stored (searchDocOf), so a search only compares plain ASCII-like words: "bao hiem y
 * te" finds "Bảo hiểm y tế", "qd-ttg 407" finds "407/QĐ-TTg".
 *
 * Matching: every word of the query must be a whole word of one field; the last word may be the start of a word
 * while the user is still typing it ("bao hiem y t"). Vietnamese words are written as separate syllables, so
 * syllables of one query found apart in a long text are nearly always another word ("bảo hiểm" is not "cảnh
 * báo … nguy hiểm"): in the running text of the summary and the body the query must appear as typed, one word
 * after the other; in the short title, topic and policy reference its words may come in any order. Words spread
 * over several fields do not match.
 * Ranking, best first: the query as a phrase in the title, every word in the title, in the topic's name, in the
 * summary or policy reference, in the body. Within one rank the caller's list order stands.
 */
import { foldVietnamese, foldWithOrigins } from './fold.ts';

/** A bulletin's searchable fields, folded into space-separated words with a space at each end. */
export interface SearchDoc {
  title: string;
  summary: string;
  policyRef: string;
  body: string;
  /** The topic's code: its name is in the interface language, matched through SearchQuery.topics. */
  topic: string;
}

/** A query as the search compares it. */
export interface SearchQuery {
  /** Folded words, in the order typed. */
  words: string[];
  /** The last word may be a word's beginning: the query did not end with a space or punctuation. */
  lastIsPrefix: boolean;
  /** Codes of the topics whose name holds every word. */
  topics: string[];
}

/** How well a bulletin matches a query; higher is better, 0 is no match. */
export const MATCH_RANK = {
  none: 0,
  body: 1,
  summaryOrRef: 2,
  topic: 3,
  titleWords: 4,
  titlePhrase: 5,
} as const;

/** A value of MATCH_RANK. */
export type MatchRank = (typeof MATCH_RANK)[keyof typeof MATCH_RANK];

/** A part of a text, as UTF-16 offsets [start, end) into the original (not folded) text. */
export interface TextRange {
  start: number;
  end: number;
}

/** A short piece of a field around a match, with the matching words in it. */
export interface Excerpt {
  text: string;
  marks: TextRange[];
  /** Whether text was cut before or after the piece. */
  cutBefore: boolean;
  cutAfter: boolean;
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Folds text into space-separated words: no tones or marks, lower case, đ → d, and any run of punctuation a
 * single word break, so "407/QĐ-TTg" becomes "407 qd ttg".
 */
export function foldForSearch(text: string): string {
  return foldVietnamese(text).replace(NOT_WORD, ' ').trim();
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
  topic: string;
}): SearchDoc {
  return {
    title: padded(foldForSearch(fields.title)),
    summary: padded(foldForSearch(fields.summary)),
    policyRef: padded(foldForSearch(fields.policyRef)),
    body: padded(foldForSearch(fields.body)),
    topic: fields.topic,
  };
}

/** The strings a query is searched for in a space-padded folded field, built once per search. */
interface Needles {
  /** One per word: " word " is a whole word, " word" (the last, while typed) the start of one. */
  words: string[];
  phrase: string;
}

function needlesOf(words: readonly string[], lastIsPrefix: boolean): Needles {
  const last = words.length - 1;
  return {
    words: words.map((w, i) => (lastIsPrefix && i === last ? ` ${w}` : ` ${w} `)),
    phrase: lastIsPrefix ? ` ${words.join(' ')}` : ` ${words.join(' ')} `,
  };
}

const hasAll = (needles: Needles, field: string) => needles.words.every((n) => field.includes(n));

/**
 * Reads what the user typed; a query without letters or digits has no words and matches everything.
 * `topicNames` maps topic codes to their names as the list shows them.
 */
export function parseQuery(text: string, topicNames: Readonly<Record<string, string>> = {}): SearchQuery {
  const folded = foldForSearch(text);
  const words = folded === '' ? [] : folded.split(' ');
  const lastIsPrefix = /[\p{L}\p{N}]$/u.test(text);
  const needles = needlesOf(words, lastIsPrefix);
  const topics =
    words.length === 0
      ? []
      : Object.keys(topicNames).filter((code) =>
          hasAll(needles, padded(foldForSearch(topicNames[code] ?? ''))),
        );
  return { words, lastIsPrefix, topics };
}

/** A query turned into one ranking function, built once per search rather than once per bulletin. */
function compile(query: SearchQuery): (doc: SearchDoc) => MatchRank {
  const needles = needlesOf(query.words, query.lastIsPrefix);
  const topics = new Set(query.topics);
  return (doc) => {
    // Nothing typed: everything matches, at the lowest rank, so the list order stands.
    if (needles.words.length === 0) return MATCH_RANK.body;
    if (doc.title.includes(needles.phrase)) return MATCH_RANK.titlePhrase;
    if (hasAll(needles, doc.title)) return MATCH_RANK.titleWords;
    if (topics.has(doc.topic)) return MATCH_RANK.topic;
    if (doc.summary.includes(needles.phrase) || hasAll(needles, doc.policyRef))
      return MATCH_RANK.summaryOrRef;
    if (doc.body.includes(needles.phrase)) return MATCH_RANK.body;
    return MATCH_RANK.none;
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

/** The words of `text` as ranges of the original, each with its folded form. */
function wordsOf(text: string): { word: string; range: TextRange }[] {
  const { folded, origins } = foldWithOrigins(text);
  return Array.from(folded.matchAll(/[\p{L}\p{N}]+/gu), (m) => {
    const end = m.index + m[0].length;
    // A combining mark folds to nothing, so the next folded character's origin is past the word's marks too.
    return { word: m[0], range: { start: origins[m.index] ?? 0, end: origins[end] ?? text.length } };
  });
}

/** Joins ranges separated only by spaces or punctuation, so "bảo hiểm" is one mark, not two. */
function joined(text: string, ranges: TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  for (const range of ranges) {
    const last = out.at(-1);
    if (last && !/[\p{L}\p{N}]/u.test(text.slice(last.end, range.start))) last.end = range.end;
    else out.push({ ...range });
  }
  return out;
}

/**
 * Where the query is in `text`, in the original's offsets: the phrase wherever it occurs, else each of its words
 * (the title and policy reference match words in any order). Empty when the query is not there.
 */
export function matchRanges(text: string, query: SearchQuery): TextRange[] {
  const { words: wanted, lastIsPrefix } = query;
  if (wanted.length === 0) return [];
  const last = wanted.length - 1;
  const fits = (word: string, i: number) =>
    lastIsPrefix && i === last ? word.startsWith(wanted[i] ?? '') : word === wanted[i];
  const words = wordsOf(text);
  const phrases: TextRange[] = [];
  for (let at = 0; at + wanted.length <= words.length; at++) {
    if (!wanted.every((_, i) => fits(words[at + i]?.word ?? '', i))) continue;
    const start = words[at]?.range.start ?? 0;
    const end = words[at + last]?.range.end ?? start;
    phrases.push({ start, end });
    at += last;
  }
  if (phrases.length > 0) return phrases;
  return joined(
    text,
    words.filter(({ word }) => wanted.some((_, i) => fits(word, i))).map(({ range }) => range),
  );
}

/** Characters of context an excerpt keeps before its first mark. */
const EXCERPT_BEFORE = 40;

/**
 * A piece of `text` of about `length` characters around the first place the query is, cut at spaces, with the
 * marks inside it; null when the query is not in `text`.
 */
export function excerptOf(text: string, query: SearchQuery, length = 140): Excerpt | null {
  const marks = matchRanges(text, query);
  const first = marks[0];
  if (!first) return null;
  let start = Math.max(0, first.start - EXCERPT_BEFORE);
  if (start > 0) start = text.indexOf(' ', start) + 1 || first.start;
  if (start > first.start) start = first.start;
  let end = Math.min(text.length, Math.max(first.end, start + length));
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > first.end ? space : first.end;
  }
  return {
    text: text.slice(start, end),
    marks: marks
      .filter((m) => m.start >= start && m.end <= end)
      .map((m) => ({ start: m.start - start, end: m.end - start })),
    cutBefore: start > 0,
    cutAfter: end < text.length,
  };
}

/**
 * Why a bulletin whose title and topic did not match was found: a piece of the summary, the policy reference or
 * the body, the first of them that matches as matchRank reads it; null when none does.
 */
export function matchExcerpt(
  fields: { summary: string; policyRef: string; body: string },
  query: SearchQuery,
): Excerpt | null {
  const needles = needlesOf(query.words, query.lastIsPrefix);
  if (needles.words.length === 0) return null;
  const folded = (text: string) => padded(foldForSearch(text));
  if (folded(fields.summary).includes(needles.phrase)) return excerptOf(fields.summary, query);
  if (hasAll(needles, folded(fields.policyRef))) return excerptOf(fields.policyRef, query);
  if (folded(fields.body).includes(needles.phrase)) return excerptOf(fields.body, query);
  return null;
}
