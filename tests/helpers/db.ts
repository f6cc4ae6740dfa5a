import { openDb, type LoaxaDb } from '../../src/client/db/database.ts';

/** A fresh database with a unique name, so tests never share state. */
export function freshDb(): LoaxaDb {
  return openDb({ name: `loaxa-test-${crypto.randomUUID()}` });
}
