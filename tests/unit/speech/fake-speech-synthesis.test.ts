import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeSpeechSynthesis,
  FakeSpeechSynthesisUtterance,
  fakeVoice,
} from '../../helpers/fake-speech-synthesis.ts';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function utter(text: string): FakeSpeechSynthesisUtterance {
  return new FakeSpeechSynthesisUtterance(text);
}

describe('FakeSpeechSynthesis behaves as Chromium', () => {
  it('lists no voice until the voices load, then fires voiceschanged', async () => {
    const synth = new FakeSpeechSynthesis();
    const seen: number[] = [];
    synth.onvoiceschanged = () => seen.push(synth.getVoices().length);
    expect(synth.getVoices()).toEqual([]);
    synth.loadVoices([fakeVoice('vi-VN', 'Vietnamese')], 100);
    await vi.advanceTimersByTimeAsync(99);
    expect(synth.getVoices()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual([1]);
  });

  it('fires start, word boundaries and end, asynchronously, utterance after utterance', async () => {
    const synth = new FakeSpeechSynthesis();
    const first = utter('Một hai ba.');
    const second = utter('Bốn.');
    const seenByHandler: string[] = [];
    first.onstart = () => seenByHandler.push('onstart');
    first.addEventListener('start', () => seenByHandler.push('listener'));
    synth.speak(first);
    synth.speak(second);
    expect(synth.records).toEqual([]);
    expect(synth.speaking).toBe(true);
    expect(synth.pending).toBe(true);
    await vi.runAllTimersAsync();
    expect(
      synth.records.map((r) => `${r.type}:${r.text}${r.charIndex === undefined ? '' : `@${r.charIndex}`}`),
    ).toEqual([
      'start:Một hai ba.',
      'boundary:Một hai ba.@0',
      'boundary:Một hai ba.@4',
      'boundary:Một hai ba.@8',
      'end:Một hai ba.',
      'start:Bốn.',
      'boundary:Bốn.@0',
      'end:Bốn.',
    ]);
    expect(seenByHandler).toEqual(['onstart', 'listener']);
    expect(synth.speaking).toBe(false);
    expect(synth.pending).toBe(false);
  });

  it('takes longer at a slower rate', async () => {
    const synth = new FakeSpeechSynthesis({ msPerChar: 10, latencyMs: 0 });
    const slow = utter('x'.repeat(100));
    slow.rate = 0.5;
    synth.speak(slow);
    await vi.advanceTimersByTimeAsync(1999);
    expect(synth.finishedTexts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(synth.finishedTexts()).toEqual(['x'.repeat(100)]);
  });

  it('cancel() interrupts the current utterance later and drops queued ones silently', async () => {
    const synth = new FakeSpeechSynthesis();
    synth.speak(utter('Đang đọc câu này.'));
    synth.speak(utter('Câu chờ.'));
    await vi.advanceTimersByTimeAsync(50);
    synth.cancel();
    expect(synth.speaking).toBe(false);
    expect(synth.records.some((r) => r.type === 'error')).toBe(false);
    await vi.runAllTimersAsync();
    expect(synth.records.filter((r) => r.type !== 'boundary')).toEqual([
      { type: 'start', text: 'Đang đọc câu này.' },
      { type: 'error', text: 'Đang đọc câu này.', error: 'interrupted' },
    ]);
  });

  it('fires canceled on queued utterances in the spec/WebKit mode', async () => {
    const synth = new FakeSpeechSynthesis({ queuedOnCancel: 'canceled' });
    synth.speak(utter('Một.'));
    synth.speak(utter('Hai.'));
    synth.cancel();
    await vi.runAllTimersAsync();
    expect(synth.records).toEqual([
      { type: 'error', text: 'Một.', error: 'interrupted' },
      { type: 'error', text: 'Hai.', error: 'canceled' },
    ]);
  });

  it('speaks an utterance queued from an end handler at once', async () => {
    const synth = new FakeSpeechSynthesis();
    const first = utter('Một.');
    first.onend = () => {
      expect(synth.speaking).toBe(false);
      synth.speak(utter('Hai.'));
      expect(synth.pending).toBe(false);
    };
    synth.speak(first);
    await vi.runAllTimersAsync();
    expect(synth.finishedTexts()).toEqual(['Một.', 'Hai.']);
  });

  it('pauses and resumes where it was, and reports paused only once the platform confirms', async () => {
    const synth = new FakeSpeechSynthesis({ msPerChar: 10, latencyMs: 5 });
    synth.speak(utter('x'.repeat(100)));
    await vi.advanceTimersByTimeAsync(505);
    synth.pause();
    expect(synth.paused).toBe(false);
    await vi.advanceTimersByTimeAsync(5);
    expect(synth.paused).toBe(true);
    expect(synth.speaking).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(synth.finishedTexts()).toEqual([]);
    synth.resume();
    await vi.advanceTimersByTimeAsync(5 + 499);
    expect(synth.finishedTexts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(synth.finishedTexts()).toEqual(['x'.repeat(100)]);
    expect(synth.records.map((r) => r.type).filter((t) => t !== 'boundary')).toEqual([
      'start',
      'pause',
      'resume',
      'end',
    ]);
  });

  it('ignores resume() with nothing to resume', async () => {
    const synth = new FakeSpeechSynthesis();
    synth.resume();
    await vi.runAllTimersAsync();
    expect(synth.records).toEqual([]);
  });

  it('fails an utterance on demand with synthesis-failed and goes on with the next', async () => {
    const synth = new FakeSpeechSynthesis();
    synth.failNextUtterance();
    synth.speak(utter('Hỏng.'));
    synth.speak(utter('Tốt.'));
    await vi.runAllTimersAsync();
    expect(synth.records.filter((r) => r.type !== 'boundary')).toEqual([
      { type: 'error', text: 'Hỏng.', error: 'synthesis-failed' },
      { type: 'start', text: 'Tốt.' },
      { type: 'end', text: 'Tốt.' },
    ]);
  });
});
