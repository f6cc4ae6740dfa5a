import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { listBulletins } from '../../../src/client/db/bulletin-repository.ts';
import { openDb } from '../../../src/client/db/database.ts';
import { searchDocOf } from '../../../src/domain/search.ts';
import { makeBulletin } from '../../helpers/factories.ts';
import { V7_STORES } from '../../helpers/schema-history.ts';

describe('schema upgrade to version 8', () => {
  it('folds the body of every listed bulletin again, so the search finds body phrases and topics', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const bulletin = makeBulletin({
      title: 'Làm thủ tục hành chính trực tuyến',
      body: 'Cấp thẻ bảo hiểm y tế cho trẻ em.',
      topic: 'digital_transformation',
    });
    const old = new Dexie(name);
    old.version(7).stores(V7_STORES);
    await old.table('bulletins').put(bulletin);
    // A version 7 entry: every distinct word of all fields in one string, no body and no topic.
    await old.table('bulletinSearch').put({
      id: bulletin.id,
      title: bulletin.title,
      topic: bulletin.topic,
      urgency: bulletin.urgency,
      validFrom: bulletin.validFrom,
      validUntil: bulletin.validUntil,
      updatedAt: bulletin.updatedAt,
      search: {
        title: ' lam thu tuc ',
        summary: ' ',
        policyRef: ' ',
        words: ' lam thu tuc cap the bao hiem ',
      },
    });
    old.close();

    const db = openDb({ name });
    expect((await db.bulletinSearch.get(bulletin.id))?.search).toEqual(searchDocOf(bulletin));
    const found = await listBulletins(db, { today: bulletin.validFrom, query: 'bao hiem' });
    expect(found.map((entry) => entry.id)).toEqual([bulletin.id]);
    db.close();
  });
});
