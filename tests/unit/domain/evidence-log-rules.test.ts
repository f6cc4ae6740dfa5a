import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type UnsignedLog } from '../../../src/domain/evidence/canonical.ts';
import { CLOCK_SKEW_MS, prepareUnsignedLog } from '../../../src/domain/evidence/log-rules.ts';
import { MAX_BROADCAST_MINUTES } from '../../../src/domain/schemas/broadcast-log.ts';

const CREATED = Date.parse('2026-11-25T10:00:00.000Z');
const at = (offsetMs: number) => new Date(CREATED + offsetMs).toISOString();

function candidate(overrides: Partial<Record<keyof UnsignedLog, unknown>> = {}): UnsignedLog {
  return {
    id: '019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6071',
    deviceId: '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5',
    seq: 1,
    prevHash: GENESIS_HASH,
    unitId: '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
    operator: 'Lò Văn Thành',
    bulletinId: null,
    bulletinVersion: null,
    lang: 'blt',
    source: 'live',
    channel: 'wired_loudspeaker',
    startedAt: at(-20 * 60_000),
    endedAt: at(-5 * 60_000),
    repeats: 1,
    location: null,
    placeName: null,
    photoIds: [],
    notes: '',
    correctsLogId: null,
    createdAt: at(0),
    ...overrides,
  } as UnsignedLog;
}

function issuesOf(log: UnsignedLog) {
  const prepared = prepareUnsignedLog(log);
  return prepared.ok ? [] : prepared.issues.map(({ field, code }) => ({ field, code }));
}

describe('prepareUnsignedLog', () => {
  it('accepts a valid log and returns it as stored', () => {
    const log = candidate();
    expect(prepareUnsignedLog(log)).toEqual({ ok: true, value: log });
  });

  it('stores text in NFC and trims what the schema trims', () => {
    const prepared = prepareUnsignedLog(
      candidate({
        operator: '  Lò Văn Thành  '.normalize('NFD'),
        placeName: 'Bản Mường'.normalize('NFD'),
        notes: 'Tiếp sóng đài huyện'.normalize('NFD'),
      }),
    );
    expect(prepared).toMatchObject({
      ok: true,
      value: { operator: 'Lò Văn Thành', placeName: 'Bản Mường', notes: 'Tiếp sóng đài huyện' },
    });
    if (!prepared.ok) return;
    for (const text of [prepared.value.operator, prepared.value.placeName, prepared.value.notes]) {
      expect(text).toBe(text?.normalize('NFC'));
    }
  });

  it('stores timestamps as UTC with milliseconds, whatever offset they came with', () => {
    const prepared = prepareUnsignedLog(
      candidate({ startedAt: '2026-11-25T16:40:00+07:00', endedAt: '2026-11-25T09:55:00.5Z' }),
    );
    expect(prepared).toMatchObject({
      ok: true,
      value: { startedAt: '2026-11-25T09:40:00.000Z', endedAt: '2026-11-25T09:55:00.500Z' },
    });
  });

  it('refuses a start or an end in the future beyond the clock skew, and accepts one within it', () => {
    expect(issuesOf(candidate({ startedAt: at(60 * 60_000), endedAt: at(65 * 60_000) }))).toEqual([
      { field: 'startedAt', code: 'in_future' },
      { field: 'endedAt', code: 'in_future' },
    ]);
    expect(issuesOf(candidate({ endedAt: at(CLOCK_SKEW_MS + 1000) }))).toEqual([
      { field: 'endedAt', code: 'in_future' },
    ]);
    expect(issuesOf(candidate({ startedAt: at(-60_000), endedAt: at(CLOCK_SKEW_MS) }))).toEqual([]);
  });

  it('refuses an end before the start and a broadcast longer than the longest allowed', () => {
    expect(issuesOf(candidate({ startedAt: at(-60_000), endedAt: at(-120_000) }))).toEqual([
      { field: 'endedAt', code: 'ends_before_start' },
    ]);
    const longest = MAX_BROADCAST_MINUTES * 60_000;
    expect(issuesOf(candidate({ startedAt: at(-longest - 1), endedAt: at(0) }))).toEqual([
      { field: 'endedAt', code: 'too_long' },
    ]);
    expect(issuesOf(candidate({ startedAt: at(-longest), endedAt: at(0) }))).toEqual([]);
  });

  it('reports every field at fault at once, time rules beside schema issues', () => {
    expect(
      issuesOf(
        candidate({
          operator: '   ',
          channel: 'radio',
          repeats: 0,
          notes: 'x'.repeat(2001),
          location: { lat: 95, lng: 105, accuracyM: 10 },
          startedAt: at(60 * 60_000),
          endedAt: at(30 * 60_000),
        }),
      ),
    ).toEqual([
      { field: 'startedAt', code: 'in_future' },
      { field: 'endedAt', code: 'in_future' },
      { field: 'operator', code: 'required' },
      { field: 'channel', code: 'invalid' },
      { field: 'repeats', code: 'invalid' },
      { field: 'location.lat', code: 'invalid' },
      { field: 'notes', code: 'too_long' },
    ]);
  });

  it('names missing fields, unknown fields, and unreadable times', () => {
    const { unitId: _unitId, ...withoutUnit } = candidate();
    expect(issuesOf(withoutUnit as UnsignedLog)).toEqual([{ field: 'unitId', code: 'required' }]);
    expect(issuesOf({ ...candidate(), durationMs: 5 } as UnsignedLog)).toEqual([
      { field: 'durationMs', code: 'invalid' },
    ]);
    expect(issuesOf(candidate({ startedAt: '25/11/2026 09:40' }))).toEqual([
      { field: 'startedAt', code: 'invalid' },
    ]);
  });

  it('keeps the rule that a bulletin version goes with a bulletin', () => {
    expect(issuesOf(candidate({ bulletinVersion: 2 }))).toEqual([
      { field: 'bulletinVersion', code: 'invalid' },
    ]);
  });
});
