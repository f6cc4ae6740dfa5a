import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../../src/client/db/bulletin-repository.ts';
import { putAttachment } from '../../../src/client/db/attachment-repository.ts';
import { dataUsage, isQuotaError } from '../../../src/client/db/storage.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeBulletin, makePage, makeSlot, makeUnit } from '../../helpers/factories.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaError', () => {
  it('recognises every shape a full disk arrives in', () => {
    const shapes: unknown[] = [
      // The browser's own error, from IndexedDB, the Cache API or localStorage.
      quota(),
      // A request over quota: Dexie maps the request's DOMException to its QuotaExceededError.
      new Dexie.QuotaExceededError('Table.put failed', quota()),
      // A transaction aborted at commit: Dexie's AbortError carries the transaction's error as `inner`.
      new Dexie.AbortError(quota()),
      // bulkPut / bulkAdd: the failures by position.
      new Dexie.BulkError('bulkPut(): 1 of 2 operations failed', {
        1: new Dexie.QuotaExceededError(quota()),
      }),
      // Collection.modify.
      new Dexie.ModifyError('modify failed', [new Dexie.QuotaExceededError(quota())]),
      // Firefox before the standard name, and old WebKit's localStorage name.
      { name: 'NS_ERROR_DOM_QUOTA_REACHED', message: 'Persistent storage maximum size reached' },
      { name: 'QUOTA_EXCEEDED_ERR', code: 22 },
      // An engine that names it otherwise but keeps the legacy code 22.
      Object.defineProperty(new DOMException('full', 'Error'), 'code', { value: 22 }),
      // An error rethrown by a caller with the original as its cause.
      new Error('save failed', { cause: new Dexie.AbortError(quota()) }),
    ];
    expect(shapes.filter((shape) => !isQuotaError(shape))).toEqual([]);
  });

  it('does not take other failures for a full disk', () => {
    const others: unknown[] = [
      new Error('boom'),
      new DOMException('key already exists', 'ConstraintError'),
      new Dexie.AbortError(new DOMException('constraint', 'ConstraintError')),
      new Dexie.AbortError(),
      new Dexie.ConstraintError('Key already exists in the object store.'),
      new Dexie.BulkError('bulkAdd(): 1 of 1 operations failed', { 0: new Dexie.ConstraintError('dup') }),
      new Dexie.DatabaseClosedError(),
      'QuotaExceededError',
      null,
      undefined,
    ];
    expect(others.filter((e) => isQuotaError(e))).toEqual([]);
  });
});

describe('dataUsage', () => {
  it('counts bulletins, slots and units as UTF-8 JSON and attachments by kind', async () => {
    const db = freshDb();
    const unit = makeUnit({ rev: 1 });
    const bulletin = makeBulletin({ rev: 2, targetUnitIds: [unit.id] });
    const slot = makeSlot(bulletin.id, { rev: 3 });
    await applyPullPage(db, makePage({ units: [unit], bulletins: [bulletin], slots: [slot] }), 0);
    await putAttachment(db, new Blob([new Uint8Array(1500)]), 'audio/webm');
    await putAttachment(db, new Blob([new Uint8Array(700)]), 'image/jpeg');

    const usage = await dataUsage(db);

    const utf8 = (row: unknown) => new TextEncoder().encode(JSON.stringify(row)).length;
    const search = await db.bulletinSearch.toArray();
    expect(usage.bulletinBytes).toBe(
      utf8(bulletin) + utf8(slot) + utf8(unit) + search.reduce((sum, row) => sum + utf8(row), 0),
    );
    expect(usage.bulletinBytes).toBeGreaterThan(new TextEncoder().encode(bulletin.body).length);
    expect(usage.recordings).toEqual({ count: 1, bytes: 1500 });
    expect(usage.photos).toEqual({ count: 1, bytes: 700 });
  });
});
