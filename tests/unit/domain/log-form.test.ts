import { describe, expect, it } from 'vitest';
import type { LogIssue } from '../../../src/domain/evidence/log-rules.ts';
import {
  defaultChannelOf,
  errorsOfIssues,
  formOfLog,
  instantOf,
  isVehicleStop,
  minutesText,
  newLogForm,
  parseLogForm,
  parseMinutes,
  type LogFormValues,
} from '../../../src/domain/log-form.ts';
import type { BroadcastFields } from '../../../src/domain/log-draft.ts';

const UNIT = '0f3c8f2e-5b0a-4c7e-9b61-2f4d2f1a9c10';
const BULLETIN = { id: '6f1b0b01-65fe-491f-aa04-1f153b33b16a', version: 2, title: 'Cảnh báo lũ quét' };
/** 25/11/2026 10:30:20 in Vietnam (UTC+7). */
const NOW = new Date('2026-11-25T03:30:20.000Z');
const CONTEXT = { unitId: UNIT, correctsLogId: null, now: NOW };

function form(overrides: Partial<LogFormValues> = {}): LogFormValues {
  return {
    ...newLogForm({ lang: 'vie', channel: 'wired_loudspeaker', operator: 'Lò Văn Minh', now: NOW }),
    bulletin: BULLETIN,
    startTime: '09:45',
    durationMinutes: '15',
    ...overrides,
  };
}

describe('the broadcast log form', () => {
  it('starts a new log now, in Vietnam wall-clock time, as a live broadcast', () => {
    const values = newLogForm({ lang: 'hmn', channel: 'mobile_vehicle', operator: 'Giàng A Páo', now: NOW });
    expect(values).toMatchObject({
      startDate: '2026-11-25',
      startTime: '10:30',
      source: 'live',
      channel: 'mobile_vehicle',
      lang: 'hmn',
      repeats: '1',
      measured: null,
      bulletin: null,
    });
  });

  it('reads a typed start and duration into the log fields', () => {
    const parsed = parseLogForm(form({ repeats: '2', completedPasses: '2', notes: '  phát lại  ' }), CONTEXT);
    expect(parsed).toEqual({
      ok: true,
      fields: {
        unitId: UNIT,
        operator: 'Lò Văn Minh',
        bulletinId: BULLETIN.id,
        bulletinVersion: 2,
        lang: 'vie',
        source: 'live',
        channel: 'wired_loudspeaker',
        startedAt: '2026-11-25T02:45:00.000Z',
        endedAt: '2026-11-25T03:00:00.000Z',
        repeats: 2,
        completion: { passes: 2, measured: false },
        location: null,
        placeName: null,
        photoIds: [],
        notes: 'phát lại',
        correctsLogId: null,
      },
    });
  });

  it('accepts a duration with a decimal comma and an end time instead of a duration', () => {
    const decimal = parseLogForm(form({ durationMinutes: '1,5' }), CONTEXT);
    expect(decimal.ok && decimal.fields.endedAt).toBe('2026-11-25T02:46:30.000Z');
    const byEnd = parseLogForm(form({ endMode: 'end', endTime: '10:05' }), CONTEXT);
    expect(byEnd.ok && byEnd.fields.endedAt).toBe('2026-11-25T03:05:00.000Z');
  });

  it('refuses a start in the future, but not one in the current minute', () => {
    expect(parseLogForm(form({ startTime: '10:31', durationMinutes: '1' }), CONTEXT)).toEqual({
      ok: false,
      errors: { start: 'startInFuture' },
    });
    const thisMinute = parseLogForm(form({ startTime: '10:30', durationMinutes: '1' }), CONTEXT);
    expect(thisMinute.ok).toBe(true);
    const tomorrow = parseLogForm(form({ startDate: '2026-11-26', startTime: '06:00' }), CONTEXT);
    expect(!tomorrow.ok && tomorrow.errors.start).toBe('startInFuture');
  });

  it('refuses an end in the future, beyond the clock skew the log writer allows', () => {
    const parsed = parseLogForm(form({ startTime: '10:20', durationMinutes: '30' }), CONTEXT);
    expect(parsed).toEqual({ ok: false, errors: { duration: 'endInFuture' } });
  });

  it('refuses absurd durations: zero, above the maximum, not a number', () => {
    const problem = (durationMinutes: string) => {
      const parsed = parseLogForm(form({ startDate: '2026-11-24', durationMinutes }), CONTEXT);
      return parsed.ok ? null : parsed.errors.duration;
    };
    expect(problem('0')).toBe('durationZero');
    expect(problem('0,0')).toBe('durationZero');
    expect(problem('361')).toBe('durationTooLong');
    expect(problem('360')).toBe(null);
    expect(problem('')).toBe('required');
    expect(problem('mười')).toBe('invalid');
    expect(problem('-5')).toBe('invalid');
  });

  it('refuses an end before the start, and an end equal to it as a zero duration', () => {
    const before = parseLogForm(form({ endMode: 'end', endTime: '09:00' }), CONTEXT);
    expect(!before.ok && before.errors).toEqual({ end: 'endBeforeStart' });
    const same = parseLogForm(form({ endMode: 'end', endTime: '09:45' }), CONTEXT);
    expect(!same.ok && same.errors).toEqual({ end: 'durationZero' });
  });

  it('refuses impossible dates and a start more than a year back', () => {
    const problem = (startDate: string, startTime = '09:45') => {
      const parsed = parseLogForm(form({ startDate, startTime }), CONTEXT);
      return parsed.ok ? null : parsed.errors.start;
    };
    expect(problem('2026-02-30')).toBe('invalid');
    expect(problem('2026-11-25', '25:00')).toBe('invalid');
    expect(problem('')).toBe('required');
    expect(problem('2025-11-01')).toBe('startTooOld');
  });

  it('requires notes when no bulletin is named, an operator, repeats in range and a unit', () => {
    const parsed = parseLogForm(form({ bulletin: null, notes: '  ', operator: ' ', repeats: '101' }), {
      ...CONTEXT,
      unitId: null,
    });
    expect(parsed).toEqual({
      ok: false,
      errors: { unit: 'unitMissing', notes: 'notesRequired', operator: 'required', repeats: 'repeatsRange' },
    });
    const live = parseLogForm(form({ bulletin: null, notes: 'Tiếp sóng Đài huyện' }), CONTEXT);
    expect(live.ok && [live.fields.bulletinId, live.fields.bulletinVersion]).toEqual([null, null]);
  });

  it('bounds texts and photos as the log schema does', () => {
    const parsed = parseLogForm(
      form({
        operator: 'a'.repeat(121),
        notes: 'b'.repeat(2001),
        placeName: 'c'.repeat(201),
        photoIds: Array.from({ length: 11 }, (_, i) => String(i).padStart(64, '0')),
      }),
      CONTEXT,
    );
    expect(!parsed.ok && parsed.errors).toEqual({
      operator: 'tooLong',
      notes: 'tooLong',
      placeName: 'tooLong',
      photos: 'tooManyPhotos',
    });
  });

  it('keeps a place name, a position and photos, and names the corrected log', () => {
    const photo = 'a'.repeat(64);
    const parsed = parseLogForm(
      form({
        channel: 'mobile_vehicle',
        placeName: ' Bản Tả Phìn, ngã ba chợ ',
        location: { lat: 22.35, lng: 103.84, accuracyM: 12 },
        photoIds: [photo],
      }),
      { ...CONTEXT, correctsLogId: '0190f0a0-0000-7000-8000-000000000001' },
    );
    expect(parsed.ok && parsed.fields).toMatchObject({
      placeName: 'Bản Tả Phìn, ngã ba chợ',
      location: { lat: 22.35, lng: 103.84, accuracyM: 12 },
      photoIds: [photo],
      correctsLogId: '0190f0a0-0000-7000-8000-000000000001',
    });
  });

  it('shows an existing log with its measured times kept to the millisecond until they are edited', () => {
    const log: BroadcastFields = {
      unitId: UNIT,
      operator: 'Lò Văn Minh',
      bulletinId: BULLETIN.id,
      bulletinVersion: 2,
      lang: 'hmn',
      source: 'recording',
      channel: 'wireless_loudspeaker',
      startedAt: '2026-11-25T02:00:01.250Z',
      endedAt: '2026-11-25T02:07:31.900Z',
      repeats: 3,
      completion: { passes: 2, measured: true },
      location: null,
      placeName: null,
      photoIds: [],
      notes: 'Phát ở cụm loa thôn 3',
      correctsLogId: null,
    };
    const values = formOfLog(log, BULLETIN.title);
    expect(values).toMatchObject({
      bulletin: BULLETIN,
      startDate: '2026-11-25',
      startTime: '09:00',
      durationMinutes: '7.5',
      endTime: '09:07',
      repeats: '3',
      completedPasses: '2',
      measuredPasses: 2,
    });
    expect(parseLogForm(values, CONTEXT)).toEqual({ ok: true, fields: log });

    const edited = parseLogForm({ ...values, measured: null, durationMinutes: '10' }, CONTEXT);
    expect(edited.ok && [edited.fields.startedAt, edited.fields.endedAt]).toEqual([
      '2026-11-25T02:00:00.000Z',
      '2026-11-25T02:10:00.000Z',
    ]);
  });

  it('states completed passes as measured while the operator leaves them, as declared once changed', () => {
    const measured = { ...form({ repeats: '3', completedPasses: '2' }), measuredPasses: 2 };
    const kept = parseLogForm(measured, CONTEXT);
    expect(kept.ok && kept.fields.completion).toEqual({ passes: 2, measured: true });
    const changed = parseLogForm({ ...measured, completedPasses: '3' }, CONTEXT);
    expect(changed.ok && changed.fields.completion).toEqual({ passes: 3, measured: false });
    const stopped = parseLogForm(form({ completedPasses: '0' }), CONTEXT);
    expect(stopped.ok && stopped.fields.completion).toEqual({ passes: 0, measured: false });
  });

  it('refuses completed passes that are not a whole number from 0 to the repeats', () => {
    for (const completedPasses of ['', '-1', '1.5', 'hai', '3']) {
      const parsed = parseLogForm(form({ repeats: '2', completedPasses }), CONTEXT);
      expect(parsed).toEqual({
        ok: false,
        errors: { passes: completedPasses === '' ? 'required' : 'passesRange' },
      });
    }
  });

  it('shows a log written before completion was recorded as declared complete', () => {
    const values = formOfLog(
      {
        unitId: UNIT,
        operator: 'Lò Văn Minh',
        bulletinId: null,
        bulletinVersion: null,
        lang: 'vie',
        source: 'live',
        channel: 'wired_loudspeaker',
        startedAt: '2026-11-25T02:00:00.000Z',
        endedAt: '2026-11-25T02:10:00.000Z',
        repeats: 2,
        location: null,
        placeName: null,
        photoIds: [],
        notes: 'Tiếp sóng đài huyện',
        correctsLogId: null,
      },
      null,
    );
    expect(values).toMatchObject({ repeats: '2', completedPasses: '2', measuredPasses: null });
  });

  it("places the log writer's issues under the form's fields", () => {
    const issues: LogIssue[] = [
      { field: 'endedAt', code: 'too_long', message: 'a broadcast cannot last more than 360 minutes' },
      { field: 'startedAt', code: 'in_future', message: 'the broadcast cannot start in the future' },
      { field: 'operator', code: 'required', message: 'Invalid length' },
      { field: 'location.lat', code: 'invalid', message: 'Invalid value' },
      { field: 'unitId', code: 'invalid', message: 'Invalid UUID' },
      { field: 'deviceId', code: 'invalid', message: 'Invalid UUID' },
      { field: 'notes', code: 'too_long', message: 'Invalid length' },
    ];
    expect(errorsOfIssues(issues, form())).toEqual({
      duration: 'durationTooLong',
      start: 'startInFuture',
      operator: 'required',
      location: 'invalid',
      unit: 'unitMissing',
      form: 'invalid',
      notes: 'tooLong',
    });
    const byEnd = errorsOfIssues(
      [{ field: 'endedAt', code: 'ends_before_start', message: '' }],
      form({ endMode: 'end' }),
    );
    expect(byEnd).toEqual({ end: 'endBeforeStart' });
  });

  it('converts wall-clock times in Vietnam and minutes both ways', () => {
    expect(instantOf('2026-11-25', '06:00')?.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(instantOf('2026-13-01', '06:00')).toBeNull();
    expect(instantOf('2026-11-25', '6:00')).toBeNull();
    expect(parseMinutes(' 12 ')).toBe(12);
    expect(parseMinutes('2.25')).toBe(2.25);
    expect(parseMinutes('1e3')).toBeNaN();
    expect(minutesText(15 * 60_000)).toBe('15');
    expect(minutesText(90_000)).toBe('1.5');
  });

  it('logs a team from its vehicle by default, and treats vehicle logs and team logs as stops', () => {
    expect(defaultChannelOf('team')).toBe('mobile_vehicle');
    expect(defaultChannelOf('commune')).toBe('wired_loudspeaker');
    expect(defaultChannelOf(undefined)).toBe('wired_loudspeaker');
    expect(isVehicleStop('mobile_vehicle', 'commune')).toBe(true);
    expect(isVehicleStop('portable_speaker', 'team')).toBe(true);
    expect(isVehicleStop('wired_loudspeaker', 'commune')).toBe(false);
  });
});
