import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/client/db/database.ts';
import { readPendingDrafts } from '../../../src/client/db/draft-repository.ts';
import { countPendingLogs, listRejectedLogs } from '../../../src/client/db/outbox-repository.ts';
import { formOfLog } from '../../../src/domain/log-form.ts';
import { draftOfPlayback } from '../../../src/domain/log-draft.ts';
import { V5_STORES } from '../../helpers/schema-history.ts';

/** A draft as version 5 stored it: no completion in its log, no completed passes in its form. */
function draftBeforeCompletion(repeatsCompleted: number, withForm: boolean) {
  const draft = draftOfPlayback(
    {
      startedAt: '2026-11-25T00:00:00.000Z',
      endedAt: '2026-11-25T00:00:05.000Z',
      repeatsCompleted,
      outcome: 'stopped',
    },
    {
      bulletin: { id: crypto.randomUUID(), version: 1, title: 'Bản tin' },
      lang: 'vie',
      voice: 'web-speech',
      unitId: crypto.randomUUID(),
      operator: 'Lò Thị Xuân',
      channel: 'wired_loudspeaker',
    },
    crypto.randomUUID(),
    new Date('2026-11-25T00:00:06.000Z'),
  )!;
  const { completion: _completion, ...log } = draft.log;
  if (!withForm) return { ...draft, log };
  const { completedPasses: _passes, measuredPasses: _measured, ...form } = formOfLog(draft.log, 'Bản tin');
  return { ...draft, log, form };
}

describe('schema upgrade to version 6', () => {
  it('sends again the logs refused as seq_conflict, which servers before migration 005 could answer to a forgery', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores(V5_STORES);
    const at = '2026-11-25T00:00:00.000Z';
    await v5.table('outbox').bulkAdd([
      { id: crypto.randomUUID(), seq: 1, queuedAt: at, rejectedReason: 'unit_not_allowed', rejectedAt: at },
      { id: crypto.randomUUID(), seq: 2, queuedAt: at, rejectedReason: 'seq_conflict', rejectedAt: at },
      { id: crypto.randomUUID(), seq: 3, queuedAt: at },
    ]);
    v5.close();

    const db = openDb({ name });
    expect(await countPendingLogs(db)).toBe(2);
    expect((await listRejectedLogs(db)).map((log) => [log.seq, log.reason])).toEqual([
      [1, 'unit_not_allowed'],
    ]);
    expect((await db.outbox.get({ seq: 2 }))?.rejectedAt).toBeUndefined();
  });

  it('gives pending drafts the passes their playback measured, so a stopped playback stays partial', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores(V5_STORES);
    const stopped = draftBeforeCompletion(0, true);
    const twice = draftBeforeCompletion(2, false);
    await v5.table('meta').put({ key: 'pendingDrafts', value: [stopped, twice] });
    v5.close();

    const [first, second] = await readPendingDrafts(openDb({ name }));
    expect(first?.log.completion).toEqual({ passes: 0, measured: true });
    expect(first?.form).toMatchObject({ completedPasses: '0', measuredPasses: 0, repeats: '1' });
    expect(second?.log.completion).toEqual({ passes: 2, measured: true });
    expect(second?.form).toBeNull();
  });
});
