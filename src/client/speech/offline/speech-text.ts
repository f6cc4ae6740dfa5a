/**
 * Text as eSpeak-NG reads it. The bulletin is cut with the same sentence chunker the Web Speech engine uses,
 * so "sentence 3" is highlighted identically whichever engine reads; the pieces are then joined into one
 * text for a single synthesis (eSpeak-NG keeps its own pauses between them), and eSpeak-NG's word events
 * say where each piece starts in the audio.
 */
import { splitSentences, type Sentence } from '../../../domain/sentences.ts';
import type { WordTiming } from './espeak-protocol.ts';

/** eSpeak-NG's normal speed, which LoaXa's rate 1 means. */
export const BASE_WORDS_PER_MINUTE = 175;
/** The range eSpeak-NG speaks without distortion. */
const MIN_WORDS_PER_MINUTE = 80;
const MAX_WORDS_PER_MINUTE = 450;

/** The bulletin prepared for eSpeak-NG. */
export interface PreparedText {
  /** What eSpeak-NG is given: the sentences, NFC-normalised and escaped, joined. */
  text: string;
  /** The pieces of the original text, as splitSentences returned them. */
  sentences: Sentence[];
  /** Code-point offset in `text` where each sentence starts (eSpeak-NG counts code points). */
  offsets: number[];
}

/** Where a sentence starts in the rendered audio. */
export interface SentenceStart {
  sentence: number;
  ms: number;
}

// eSpeak-NG parses SSML in its input: a stray "<" or "&" must be escaped to be read as text.
const SSML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Splits and joins the text for eSpeak-NG. Sentences separated by a line break in the original are joined
 * by a blank line, which eSpeak-NG reads as a paragraph (so a heading without a full stop still ends with
 * a pause); others by a space.
 */
export function prepareSpeechText(source: string): PreparedText {
  const sentences = splitSentences(source);
  const offsets: number[] = [];
  let text = '';
  let points = 0;
  sentences.forEach((sentence, i) => {
    const previous = sentences[i - 1];
    if (previous) {
      const separator = source.slice(previous.end, sentence.start).includes('\n') ? '\n\n' : ' ';
      text += separator;
      points += separator.length;
    }
    offsets.push(points);
    const escaped = sentence.text.normalize('NFC').replace(/[<>&]/g, (c) => SSML_ESCAPES[c] ?? c);
    text += escaped;
    points += codePoints(escaped);
  });
  return { text, sentences, offsets };
}

/** Start time of each sentence that eSpeak-NG spoke a word of, in order; `words` as the worker reported. */
export function sentenceStarts(offsets: readonly number[], words: readonly WordTiming[]): SentenceStart[] {
  const starts: SentenceStart[] = [];
  let sentence = -1;
  for (const word of words) {
    // eSpeak-NG positions are 1-based.
    const position = word.position - 1;
    while (sentence + 1 < offsets.length && (offsets[sentence + 1] ?? Infinity) <= position) sentence++;
    if (sentence >= 0 && starts.at(-1)?.sentence !== sentence) starts.push({ sentence, ms: word.ms });
  }
  return starts;
}

/** The sentence being spoken at `ms` into the audio: the last one that has started (0 before the first). */
export function sentenceAt(starts: readonly SentenceStart[], ms: number): number {
  let current = starts[0]?.sentence ?? 0;
  for (const start of starts) {
    if (start.ms > ms) break;
    current = start.sentence;
  }
  return current;
}

/** eSpeak-NG's speed for LoaXa's rate (1 = normal), kept within what it speaks clearly. */
export function wordsPerMinute(rate: number): number {
  const wpm = Math.round(BASE_WORDS_PER_MINUTE * (Number.isFinite(rate) ? rate : 1));
  return Math.min(MAX_WORDS_PER_MINUTE, Math.max(MIN_WORDS_PER_MINUTE, wpm));
}
