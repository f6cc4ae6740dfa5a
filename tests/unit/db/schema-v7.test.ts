import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { getBulletin } from '../../../src/client/db/bulletin-repository.ts';
import { openDb } from '../../../src/client/db/database.ts';
import { getMeta } from '../../../src/client/db/meta-repository.ts';
import { readResync } from '../../../src/client/db/resync-repository.ts';
import { pullAll } from '../../../src/client/sync/pull.ts';
import { PAGE_DATABASE, makeBulletin, makePage } from '../../helpers/factories.ts';
import { fakeTransport } from '../../helpers/fake-transport.ts';
import { V6_STORES } from '../../helpers/schema-history.ts';

describe('schema upgrade to version 7', () => {
  it('keeps what an older app pulled and takes the first database identity without a re-sync', async () => {
    const name = `loaxa-test-${crypto.randomUUID()}`;
    const bulletin = makeBulletin({ rev: 12 });
    const old = new Dexie(name);
    old.version(6).stores(V6_STORES);
    await old.table('bulletins').put(bulletin);
    await old.table('meta').put({ key: 'pullCursor', value: 12 });
    old.close();
    const cursors: string[] = [];
    const transport = fakeTransport({
      'GET /api/sync/pull': (request) => {
        cursors.push(new URL(request.url).searchParams.get('cursor') ?? '');
        return Response.json(makePage({ cursor: 12 }));
      },
    });

    const db = openDb({ name });
    const result = await pullAll(db, transport);

    expect(result.error).toBeNull();
    expect(cursors).toEqual(['12']);
    expect(await getBulletin(db, bulletin.id)).toEqual(bulletin);
    expect(await getMeta(db, 'pullDatabase')).toBe(PAGE_DATABASE);
    expect(await readResync(db)).toBeUndefined();
    expect(await db.resyncReceived.count()).toBe(0);
    db.close();
  });
});
