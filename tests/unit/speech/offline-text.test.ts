import { describe, expect, it } from 'vitest';
import {
  BASE_WORDS_PER_MINUTE,
  prepareSpeechText,
  sentenceAt,
  sentenceStarts,
  wordsPerMinute,
} from '../../../src/client/speech/offline/speech-text.ts';
import { splitSentences } from '../../../src/domain/sentences.ts';

/** eSpeak-NG's 1-based code-point position of `word` in `text` (after `from` code points). */
function positionOf(text: string, word: string, from = 0): number {
  const points = [...text];
  for (let i = from; i < points.length; i++)
    if (points.slice(i, i + [...word].length).join('') === word) return i + 1;
  throw new Error(`"${word}" not in text`);
}

describe('prepareSpeechText', () => {
  it('reads the same pieces as the Web Speech engine, joined by a space or, across lines, a blank line', () => {
    const source =
      'Thông báo khẩn\nBà con chú ý. Theo Quyết định 407/QĐ-TTg, TP. Hồ Chí Minh họp.\n\nĐoạn hai.';
    const prepared = prepareSpeechText(source);
    expect(prepared.sentences).toEqual(splitSentences(source));
    expect(prepared.text).toBe(
      'Thông báo khẩn\n\nBà con chú ý. Theo Quyết định 407/QĐ-TTg, TP. Hồ Chí Minh họp.\n\nĐoạn hai.',
    );
    expect(prepared.offsets).toEqual([0, 16, 30, 80]);
    for (const [i, offset] of prepared.offsets.entries())
      expect([...prepared.text].slice(offset).join('')).toMatch(
        new RegExp(`^${prepared.sentences[i]?.text.slice(0, 4)}`),
      );
  });

  it('escapes what eSpeak-NG would parse as SSML and counts offsets in code points', () => {
    const prepared = prepareSpeechText('Ông A & bà B <b> 😀 đến. Câu sau.');
    expect(prepared.text).toBe('Ông A &amp; bà B &lt;b&gt; 😀 đến. Câu sau.');
    // The emoji is one code point but two UTF-16 units: eSpeak-NG counts it once.
    expect(prepared.offsets).toEqual([0, [...'Ông A &amp; bà B &lt;b&gt; 😀 đến. '].length]);
  });

  it('normalises decomposed Vietnamese to NFC, as eSpeak-NG’s dictionary is written', () => {
    const decomposed = 'Bảo hiểm y tế.'.normalize('NFD');
    const prepared = prepareSpeechText(decomposed);
    expect(prepared.text).toBe('Bảo hiểm y tế.'.normalize('NFC'));
    expect(prepared.sentences[0]?.text).toBe(decomposed);
  });

  it('has nothing to read in blank text', () => {
    expect(prepareSpeechText(' \n\n ')).toEqual({ text: '', sentences: [], offsets: [] });
  });
});

describe('sentenceStarts', () => {
  it('dates each sentence by its first word, skipping a sentence eSpeak-NG said no word of', () => {
    const { text, offsets } = prepareSpeechText('Xin chào bà con. … Câu hai có chữ. Câu ba.');
    const words = [
      { position: positionOf(text, 'Xin'), ms: 0 },
      { position: positionOf(text, 'chào'), ms: 225 },
      { position: positionOf(text, 'con'), ms: 740 },
      { position: positionOf(text, 'Câu'), ms: 1_300 },
      { position: positionOf(text, 'chữ'), ms: 1_900 },
      { position: positionOf(text, 'Câu', positionOf(text, 'chữ')), ms: 2_600 },
    ];
    expect(offsets).toHaveLength(3);
    expect(sentenceStarts(offsets, words)).toEqual([
      { sentence: 0, ms: 0 },
      { sentence: 1, ms: 1_300 },
      { sentence: 2, ms: 2_600 },
    ]);
    expect(
      sentenceStarts(
        [0, 10, 20],
        [
          { position: 1, ms: 0 },
          { position: 25, ms: 900 },
        ],
      ),
    ).toEqual([
      { sentence: 0, ms: 0 },
      { sentence: 2, ms: 900 },
    ]);
  });

  it('has no starts without words', () => {
    expect(sentenceStarts([0, 5], [])).toEqual([]);
  });
});

describe('sentenceAt', () => {
  const starts = [
    { sentence: 0, ms: 0 },
    { sentence: 2, ms: 1_000 },
    { sentence: 3, ms: 2_500 },
  ];

  it('is the last sentence started at the play head', () => {
    expect(sentenceAt(starts, 0)).toBe(0);
    expect(sentenceAt(starts, 999)).toBe(0);
    expect(sentenceAt(starts, 1_000)).toBe(2);
    expect(sentenceAt(starts, 2_499.9)).toBe(2);
    expect(sentenceAt(starts, 60_000)).toBe(3);
  });

  it('is the first sentence before any word and when nothing was timed', () => {
    expect(sentenceAt([{ sentence: 1, ms: 300 }], 100)).toBe(1);
    expect(sentenceAt([], 5_000)).toBe(0);
  });
});

describe('wordsPerMinute', () => {
  it('maps rate 1 to eSpeak-NG’s normal speed and keeps within 80–450', () => {
    expect(wordsPerMinute(1)).toBe(BASE_WORDS_PER_MINUTE);
    expect(wordsPerMinute(0.5)).toBe(88);
    expect(wordsPerMinute(2)).toBe(350);
    expect(wordsPerMinute(0.1)).toBe(80);
    expect(wordsPerMinute(9)).toBe(450);
    expect(wordsPerMinute(Number.NaN)).toBe(BASE_WORDS_PER_MINUTE);
  });
});
