import type { DBCore, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import type { LoaxaDb } from '../../src/client/db/database.ts';

/**
 * A disk that fills up during a save. `request` fails the table's write itself, as IndexedDB reports a request
 * over quota. `commit` lets every write through and fails the transaction when it would commit, as Chromium does
 * when its quota check at commit fails: the browser aborts the transaction with a QuotaExceededError as its
 * `error`, and Dexie rejects with an AbortError whose `inner` is that error. fake-indexeddb has no quota, so the
 * helper swaps the transaction's own finishing step (`_markFinished`, called when the last request is done) for
 * its abort with that error name (`_abort`), the path a browser takes.
 */
interface FakeTransaction {
  _markFinished: () => void;
  _abort: (errorName: string) => void;
}

function failAtCommit(trans: FakeTransaction): void {
  const finish = trans._markFinished;
  if (typeof finish !== 'function' || typeof trans._abort !== 'function') {
    throw new Error('fake-indexeddb no longer has _markFinished/_abort: update this simulation');
  }
  trans._markFinished = () => {
    trans._markFinished = finish;
    trans._abort('QuotaExceededError');
  };
}

/** Where the full disk shows: the write request, or the transaction's commit. */
export type FullDiskAt = 'request' | 'commit';

/** Makes writes to `table` fail as on a full disk once `on()` is called, until `off()`. */
export function fillDisk(db: LoaxaDb, table: string, at: FullDiskAt): { on: () => void; off: () => void } {
  let full = false;
  db.use({
    stack: 'dbcore',
    name: `full-disk-${table}`,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const inner = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          mutate: async (req: DBCoreMutateRequest) => {
            if (!full) return inner.mutate(req);
            if (at === 'request')
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            failAtCommit(req.trans as unknown as FakeTransaction);
            return inner.mutate(req);
          },
        };
      },
    }),
  });
  return { on: () => (full = true), off: () => (full = false) };
}
