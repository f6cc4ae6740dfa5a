/**
 * Splits a Vietnamese bulletin into the pieces a speech engine reads one at a time and the reader highlights.
 * Chrome silently stops an utterance after about 15 seconds with some voices, so long sentences are cut again
 * at a comma, semicolon, colon or spaced dash near the limit, never inside a word.
 */

/** One piece of text to read, with its place in the original string (`text === source.slice(start, end)`). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** About 15 seconds of Vietnamese at normal speed. */
export const MAX_SENTENCE_LENGTH = 220;

/**
 * Words written with a full stop that does not end the sentence. Single capital letters (initials, "Q. 1",
 * "P. 5", "Ô. A") are handled apart; "v.v." and "Bà." are deliberately absent: they often do end a sentence.
 */
const ABBREVIATIONS = new Set([
  'TP',
  'Tp',
  'TT',
  'TX',
  'Tx',
  'ThS',
  'Ths',
  'TS',
  'PGS',
  'GS',
  'BS',
  'KS',
  'CN',
  'NXB',
  'Nxb',
  'ĐT',
  'Đc',
  'Đ/c',
  'tr',
  'Tr',
  'St',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'No',
]);

/** "1.", "1.2.", "IV.", "a." or "Điều 3." alone at the start of a line: a heading or list marker, not a sentence. */
const LINE_MARKER =
  /^[ \t]*(?:(?:Điều|Chương|Mục|Phần|Khoản|Bước|Câu|Bài|Phụ lục)[ \t]+)?(?:\d+(?:\.\d+)*|[IVXLCDM]+|[a-zđ])$/u;

const STOPS = '.!?…';
const CLOSERS = '"\'”’»)]}';
const WEAK_BREAKS = ',;:';

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/u.test(ch);
}

function isLower(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Ll}/u.test(ch);
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

/** Whether the full stop at `dot` belongs to an abbreviation, an initial or a line-start marker. */
function isNonFinalDot(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && !isSpace(text[s - 1])) s--;
  const token = text.slice(s, dot).replace(/^["'“‘([{«]+/u, '');
  const last = token.slice(token.lastIndexOf('.') + 1);
  if (ABBREVIATIONS.has(token) || ABBREVIATIONS.has(last)) return true;
  if (/^\p{Lu}$/u.test(last)) return true;
  const lineStart = text.lastIndexOf('\n', dot - 1) + 1;
  return LINE_MARKER.test(text.slice(lineStart, dot));
}

/**
 * Where the sentence ending at `stops` (a run of . ! ? … starting at `at`) really ends, or -1 when it
 * does not: the run must be followed by closing quotes or brackets and then white space or the end.
 */
function sentenceEndAfterStops(text: string, at: number): number {
  let j = at;
  while (j < text.length && STOPS.includes(text[j] as string)) j++;
  const stops = text.slice(at, j);
  while (j < text.length && CLOSERS.includes(text[j] as string)) j++;
  if (j < text.length && !isSpace(text[j])) return -1;
  if (/[!?]/u.test(stops)) return j;
  const next = text[firstNonSpace(text, j)];
  // A new Vietnamese sentence never starts in lower case: "v.v. và", "… rồi" and "tr. 5" carry on.
  if (isLower(next)) return -1;
  if (stops === '.' && next !== undefined && isNonFinalDot(text, at)) return -1;
  return j;
}

/** Whether the line break at `nl` ends a piece: a blank line always does, a single break unless the next line
 * carries on in lower case (text pasted from a PDF keeps its hard wraps). */
function isLineBreakEnd(text: string, nl: number): boolean {
  const lineEnd = text.indexOf('\n', nl + 1);
  const between = text.slice(nl + 1, lineEnd === -1 ? text.length : lineEnd);
  if (lineEnd !== -1 && between.trim() === '') return true;
  return !isLower(text[firstNonSpace(text, nl + 1)]);
}

/** Cut positions (exclusive ends) of the raw pieces, before trimming and length limiting. */
function cutPoints(text: string): number[] {
  const cuts: number[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (STOPS.includes(ch)) {
      const end = sentenceEndAfterStops(text, i);
      if (end !== -1) cuts.push(end);
      i = Math.max(i + 1, end);
      while (i < text.length && STOPS.includes(text[i] as string)) i++;
      continue;
    }
    if (ch === ';' && (i + 1 === text.length || isSpace(text[i + 1]))) cuts.push(i + 1);
    if (ch === '\n' && isLineBreakEnd(text, i)) cuts.push(i);
    i++;
  }
  cuts.push(text.length);
  return cuts;
}

/** The trimmed range of `text` between `start` and `end`, or null when it is only white space. */
function trimmed(text: string, start: number, end: number): Sentence | null {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return s < e ? { text: text.slice(s, e), start: s, end: e } : null;
}

/** Where to cut a piece that is too long: after the last weak break (, ; : or spaced dash) that leaves at
 * least a third of the limit before it, else at the last space, else nowhere (one enormous word stays whole). */
function longCut(text: string, start: number, end: number, max: number): number {
  const limit = Math.min(end, start + max);
  let space = -1;
  for (let i = limit; i > start; i--) {
    if (!isSpace(text[i])) continue;
    const before = text[i - 1];
    const isWeak =
      (before !== undefined && WEAK_BREAKS.includes(before)) ||
      ((before === '–' || before === '—' || before === '-') && isSpace(text[i - 2]));
    if (isWeak && i - start >= max / 3) return i;
    if (space === -1 && i - start >= max / 3) space = i;
  }
  if (space !== -1) return space;
  for (let i = start + 1; i < end; i++) if (isSpace(text[i])) return i;
  return end;
}

function limitLength(text: string, piece: Sentence, max: number, out: Sentence[]): void {
  let start = piece.start;
  while (start < piece.end) {
    const rest = trimmed(text, start, piece.end);
    if (!rest) return;
    if (rest.end - rest.start <= max) {
      out.push(rest);
      return;
    }
    const cut = longCut(text, rest.start, rest.end, max);
    const head = trimmed(text, rest.start, cut);
    if (head) out.push(head);
    start = cut;
  }
}

const SPEAKABLE = /[\p{L}\p{N}]/u;

/**
 * Splits `text` into sentences at . ! ? … ; and line breaks, keeping abbreviations ("TP.", "PGS.",
 * initials), numbers ("1.500.000", "15.11.2026", "3,5"), references ("407/QĐ-TTg"), URLs and list markers
 * whole, then cuts any piece longer than `maxLength` at a natural pause. The pieces cover every non-space
 * character of `text` exactly once, in order.
 */
export function splitSentences(text: string, maxLength: number = MAX_SENTENCE_LENGTH): Sentence[] {
  const pieces: Sentence[] = [];
  let start = 0;
  for (const cut of cutPoints(text)) {
    const piece = trimmed(text, start, cut);
    start = cut;
    if (!piece) continue;
    const previous = pieces[pieces.length - 1];
    // Punctuation alone ("…", "* * *") is not worth an utterance of its own: it joins the piece before.
    if (previous && !SPEAKABLE.test(piece.text) && piece.end - previous.start <= maxLength) {
      pieces[pieces.length - 1] = {
        text: text.slice(previous.start, piece.end),
        start: previous.start,
        end: piece.end,
      };
      continue;
    }
    limitLength(text, piece, maxLength, pieces);
  }
  return pieces;
}
