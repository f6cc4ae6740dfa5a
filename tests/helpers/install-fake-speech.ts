/**
 * Page script for e2e tests: replaces the page's speechSynthesis and SpeechSynthesisUtterance with the fake
 * (headless Chromium has no voices), listing a Vietnamese and an English voice after 100 ms. Bundled into an
 * init script by fakeSpeechInitScript(); the fake is reachable as `window.fakeSpeech`.
 */
import { FakeSpeechSynthesis, FakeSpeechSynthesisUtterance, fakeVoice } from './fake-speech-synthesis.ts';

const synthesis = new FakeSpeechSynthesis({ msPerChar: 4, latencyMs: 20 });
synthesis.loadVoices(
  [fakeVoice('en-US', 'English', { default: true }), fakeVoice('vi-VN', 'Tiếng Việt')],
  100,
);
Object.defineProperty(window, 'speechSynthesis', { configurable: true, get: () => synthesis });
Object.defineProperty(window, 'SpeechSynthesisUtterance', {
  configurable: true,
  writable: true,
  value: FakeSpeechSynthesisUtterance,
});
Object.defineProperty(window, 'fakeSpeech', { value: synthesis });
