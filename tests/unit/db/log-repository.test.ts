import { describe, expect, it } from 'vitest';
import { listLogsForBulletin } from '../../../src/client/db/log-repository.ts';
import { airingProgress } from '../../../src/domain/airing.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBulletin, makeLog } from '../../helpers/factories.ts';

describe('listLogsForBulletin', () => {
  it("returns the bulletin's logs and every log correcting them, whichever bulletin the correction names", async () => {
    const db = freshDb();
    const bulletin = makeBulletin();
    const other = makeBulletin();
    const first = makeLog(bulletin.id, { startedAt: '2026-11-24T00:00:00.000Z' });
    const second = makeLog(bulletin.id, { startedAt: '2026-11-24T10:00:00.000Z' });
    const moved = makeLog(other.id, { startedAt: '2026-11-24T10:00:00.000Z', correctsLogId: second.id });
    const movedBack = makeLog(bulletin.id, {
      startedAt: '2026-11-24T10:05:00.000Z',
      correctsLogId: moved.id,
    });
    const unrelated = makeLog(other.id);
    await db.logs.bulkAdd([first, second, moved, movedBack, unrelated]);

    const logs = await listLogsForBulletin(db, bulletin.id);

    expect(logs.map((l) => l.id).sort()).toEqual([first.id, second.id, moved.id, movedBack.id].sort());
  });

  it('feeds the airing count: a broadcast corrected to another bulletin stops counting', async () => {
    const db = freshDb();
    const bulletin = makeBulletin({ airing: { times: 3, perDays: 7, untilDate: null } });
    const kept = makeLog(bulletin.id, { startedAt: '2026-11-24T00:00:00.000Z' });
    const wrong = makeLog(bulletin.id, { startedAt: '2026-11-24T10:00:00.000Z' });
    const correction = makeLog(crypto.randomUUID(), { startedAt: wrong.startedAt, correctsLogId: wrong.id });
    await db.logs.bulkAdd([kept, wrong, correction]);

    const progress = airingProgress(
      bulletin,
      await listLogsForBulletin(db, bulletin.id),
      new Date('2026-11-25T00:00:00.000Z'),
    );

    expect(progress).toMatchObject({ aired: 1, required: 3, remaining: 2 });
  });

  it('is empty for a bulletin never broadcast', async () => {
    expect(await listLogsForBulletin(freshDb(), crypto.randomUUID())).toEqual([]);
  });
});
