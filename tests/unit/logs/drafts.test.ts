import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../../src/client/db/bulletin-repository.ts';
import { openDb, type LoaxaDb } from '../../../src/client/db/database.ts';
import { setDeviceUnit, setOperatorName } from '../../../src/client/db/settings-repository.ts';
import { LogWriteError, recordBroadcast } from '../../../src/client/evidence/log-writer.ts';
import {
  confirmDraft,
  discardDraft,
  DraftGoneError,
  draftPlayback,
  listPendingDrafts,
  saveDraftEdits,
  type PlayedBulletin,
} from '../../../src/client/logs/drafts.ts';
import { formOfLog, parseLogForm } from '../../../src/domain/log-form.ts';
import { freshDb } from '../../helpers/db.ts';
import { makePage, makeUnit } from '../../helpers/factories.ts';
import { fillDisk } from '../../helpers/full-disk.ts';

const BULLETIN = { id: '6f1b0b01-65fe-491f-aa04-1f153b33b16a', version: 2, title: 'Cảnh báo lũ quét' };

/** A playback that ended a minute ago after 42.5 seconds of sound, stopped inside its second repeat. */
function played(overrides: Partial<PlayedBulletin['playback']> = {}): PlayedBulletin {
  const endedAt = Date.now() - 60_000;
  return {
    playback: {
      startedAt: new Date(endedAt - 42_500).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      repeatsCompleted: 1,
      outcome: 'stopped',
      ...overrides,
    },
    voice: 'offline',
    bulletin: BULLETIN,
    lang: 'vie',
  };
}

async function deviceOf(db: LoaxaDb, level: 'commune' | 'team' = 'commune') {
  const unit = makeUnit({ level });
  await applyPullPage(db, makePage({ units: [unit] }), 0);
  await setDeviceUnit(db, unit.id);
  await setOperatorName(db, 'Lò Văn Minh');
  return unit;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('log drafts', () => {
  it('are stored when a playback ends, with the device unit, operator and default channel', async () => {
    const db = freshDb();
    const unit = await deviceOf(db, 'team');
    const draft = await draftPlayback(db, played());
    expect(draft?.log).toMatchObject({
      unitId: unit.id,
      operator: 'Lò Văn Minh',
      channel: 'mobile_vehicle',
      source: 'tts',
      repeats: 1,
    });
    expect(await listPendingDrafts(db)).toEqual([draft]);
  });

  it('are not made for a playback stopped before any sound', async () => {
    const db = freshDb();
    const { playback } = played();
    const silent = played({ startedAt: playback.endedAt, endedAt: playback.endedAt });
    expect(await draftPlayback(db, silent)).toBeNull();
    expect(await listPendingDrafts(db)).toEqual([]);
  });

  it('survive closing and reopening the database, edits included', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const first = openDb({ name });
    await deviceOf(first);
    const draft = await draftPlayback(first, played());
    if (!draft) throw new Error('no draft');
    const form = { ...formOfLog(draft.log, draft.bulletinTitle), notes: 'Loa thôn 3 bị rè' };
    await saveDraftEdits(first, draft.id, form, null);
    first.close();

    const reopened = openDb({ name });
    const [kept] = await listPendingDrafts(reopened);
    expect(kept?.id).toBe(draft.id);
    expect(kept?.form?.notes).toBe('Loa thôn 3 bị rè');
    // Not valid yet when saved: what confirming writes stays the last valid fields.
    expect(kept?.log.notes).toBe('');
    reopened.close();
  });

  it('write the edited log with its outbox entry on confirmation, then leave', async () => {
    const db = freshDb();
    await deviceOf(db);
    const draft = await draftPlayback(db, played());
    if (!draft) throw new Error('no draft');
    const form = { ...formOfLog(draft.log, draft.bulletinTitle), channel: 'wireless_loudspeaker' as const };
    const parsed = parseLogForm(form, { unitId: draft.log.unitId, correctsLogId: null, now: new Date() });
    if (!parsed.ok) throw new Error('the form does not parse');
    await saveDraftEdits(db, draft.id, form, parsed.fields);

    const log = await confirmDraft(db, draft.id);

    expect(log).toMatchObject({
      channel: 'wireless_loudspeaker',
      startedAt: draft.playback.startedAt,
      endedAt: draft.playback.endedAt,
      bulletinId: BULLETIN.id,
      bulletinVersion: 2,
      seq: 1,
    });
    expect(await db.logs.toArray()).toEqual([log]);
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ id: log.id, seq: 1 })]);
    expect(await listPendingDrafts(db)).toEqual([]);
    expect(await rejection(confirmDraft(db, draft.id))).toBeInstanceOf(DraftGoneError);
  });

  it('take the unit and operator set after the playback when the draft had none', async () => {
    const db = freshDb();
    const draft = await draftPlayback(db, played());
    if (!draft) throw new Error('no draft');
    expect(draft.log).toMatchObject({ unitId: '', operator: '' });

    const refused = await rejection(confirmDraft(db, draft.id));
    expect(refused).toBeInstanceOf(LogWriteError);
    expect((refused as LogWriteError).reason).toBe('invalid');
    expect((refused as LogWriteError).issues.map((issue) => issue.field)).toEqual(
      expect.arrayContaining(['unitId', 'operator']),
    );
    expect(await listPendingDrafts(db)).toHaveLength(1);

    const unit = await deviceOf(db);
    const log = await confirmDraft(db, draft.id);
    expect(log).toMatchObject({ unitId: unit.id, operator: 'Lò Văn Minh' });
  });

  it('are kept when the disk is full at confirmation, and confirm once there is room', async () => {
    const db = freshDb();
    // Dexie takes middleware only before the database opens.
    const disk = fillDisk(db, 'outbox', 'request');
    await deviceOf(db);
    const draft = await draftPlayback(db, played());
    if (!draft) throw new Error('no draft');
    disk.on();
    const error = await rejection(confirmDraft(db, draft.id));
    expect(error).toBeInstanceOf(LogWriteError);
    expect((error as LogWriteError).reason).toBe('quota');
    expect(await db.logs.count()).toBe(0);
    expect(await listPendingDrafts(db)).toEqual([draft]);

    disk.off();
    await confirmDraft(db, draft.id);
    expect(await db.logs.count()).toBe(1);
  });

  it('are dropped, never logged twice, when their log was written but the draft not yet removed', async () => {
    const db = freshDb();
    await deviceOf(db);
    const draft = await draftPlayback(db, played());
    // Another broadcast of the same bulletin, started at a different moment (drafts are matched to logs by start).
    const otherEnd = Date.now() - 10 * 60_000;
    const other = await draftPlayback(
      db,
      played({
        repeatsCompleted: 2,
        outcome: 'completed',
        startedAt: new Date(otherEnd - 85_000).toISOString(),
        endedAt: new Date(otherEnd).toISOString(),
      }),
    );
    if (!draft || !other) throw new Error('no draft');
    // What a tab closed between the log's transaction and the draft's removal leaves behind.
    await recordBroadcast(db, draft.log);
    expect((await listPendingDrafts(db)).map((d) => d.id)).toEqual([other.id]);
  });

  it('leave without a log when discarded', async () => {
    const db = freshDb();
    await deviceOf(db);
    const draft = await draftPlayback(db, played());
    if (!draft) throw new Error('no draft');
    await discardDraft(db, draft.id);
    expect(await listPendingDrafts(db)).toEqual([]);
    expect(await db.logs.count()).toBe(0);
    expect(await saveDraftEdits(db, draft.id, formOfLog(draft.log, null), null)).toBe(false);
  });
});
