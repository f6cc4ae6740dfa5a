import { describe, expect, it } from 'vitest';
import {
  draftOfPlayback,
  madeSound,
  sourceOfVoice,
  type DraftContext,
} from '../../../src/domain/log-draft.ts';

const CONTEXT: DraftContext = {
  bulletin: { id: '6f1b0b01-65fe-491f-aa04-1f153b33b16a', version: 3, title: 'Cảnh báo lũ quét' },
  lang: 'hmn',
  voice: 'recording',
  unitId: 'c774c551-9120-42c6-a894-a8a9e146b4da',
  operator: 'Giàng A Páo',
  channel: 'wired_loudspeaker',
};
const NOW = new Date('2026-11-25T03:00:00.000Z');
const ID = '5a3e7c1e-2f4b-4d6a-9c8e-1b2a3c4d5e6f';

describe('log drafts from the player', () => {
  it('draft a completed playback with its measured times, repeats, voice and the device defaults', () => {
    const draft = draftOfPlayback(
      {
        startedAt: '2026-11-25T02:50:00.120Z',
        endedAt: '2026-11-25T02:58:30.480Z',
        repeatsCompleted: 3,
        outcome: 'completed',
      },
      CONTEXT,
      ID,
      NOW,
    );
    expect(draft).toEqual({
      id: ID,
      createdAt: NOW.toISOString(),
      bulletinTitle: 'Cảnh báo lũ quét',
      playback: {
        startedAt: '2026-11-25T02:50:00.120Z',
        endedAt: '2026-11-25T02:58:30.480Z',
        repeatsCompleted: 3,
        outcome: 'completed',
      },
      log: {
        unitId: CONTEXT.unitId,
        operator: 'Giàng A Páo',
        bulletinId: CONTEXT.bulletin.id,
        bulletinVersion: 3,
        lang: 'hmn',
        source: 'recording',
        channel: 'wired_loudspeaker',
        startedAt: '2026-11-25T02:50:00.120Z',
        endedAt: '2026-11-25T02:58:30.480Z',
        repeats: 3,
        completion: { passes: 3, measured: true },
        location: null,
        placeName: null,
        photoIds: [],
        notes: '',
        correctsLogId: null,
      },
      form: null,
    });
  });

  it('log a playback stopped inside its first repeat as on air once but with no pass completed', () => {
    const draft = draftOfPlayback(
      {
        startedAt: '2026-11-25T02:50:00Z',
        endedAt: '2026-11-25T02:50:04Z',
        repeatsCompleted: 0,
        outcome: 'stopped',
      },
      { ...CONTEXT, voice: 'offline' },
      ID,
      NOW,
    );
    expect(draft?.log.repeats).toBe(1);
    expect(draft?.log.completion).toEqual({ passes: 0, measured: true });
    expect(draft?.log.source).toBe('tts');
    expect(draft?.playback).toMatchObject({ repeatsCompleted: 0, outcome: 'stopped' });
  });

  it('draft nothing when no sound was made before the stop or the failure', () => {
    const silent = {
      startedAt: '2026-11-25T02:50:00Z',
      endedAt: '2026-11-25T02:50:00Z',
      repeatsCompleted: 0,
    };
    expect(madeSound({ ...silent, outcome: 'stopped' })).toBe(false);
    expect(draftOfPlayback({ ...silent, outcome: 'stopped' }, CONTEXT, ID, NOW)).toBeNull();
    expect(draftOfPlayback({ ...silent, outcome: 'failed' }, CONTEXT, ID, NOW)).toBeNull();
  });

  it('log a recorded voice as a recording and both speech engines as tts', () => {
    expect(sourceOfVoice('recording')).toBe('recording');
    expect(sourceOfVoice('web-speech')).toBe('tts');
    expect(sourceOfVoice('offline')).toBe('tts');
  });
});
