import { useEffect, useState } from 'preact/hooks';
import { getBulletin } from '../../client/db/bulletin-repository.ts';
import { matchExcerpt, type Excerpt, type SearchQuery } from '../../domain/search.ts';
import { db } from '../db.ts';

// The excerpts of the latest query, by bulletin id. Kept for the session, as the list keeps its row heights,
// so a list rebuilt on coming back from the reader shows them at once and its rows keep their heights and
// places (the restored scroll position lands on the same row).
let cachedKey = '';
let cached = new Map<string, Excerpt | null>();

function excerptsOf(key: string): Map<string, Excerpt | null> {
  if (key !== cachedKey) {
    cachedKey = key;
    cached = new Map();
  }
  return cached;
}

/**
 * The excerpt showing why each bulletin of `ids` matched `query` (matchExcerpt), read from the stored bulletins
 * as their rows come into view: the list table holds no bodies, and a list of thousands shows only a few rows.
 * An id is absent until its bulletin is read.
 */
export function useMatchExcerpts(
  ids: readonly string[],
  query: SearchQuery | null,
): ReadonlyMap<string, Excerpt | null> {
  const key = query === null ? '' : JSON.stringify(query);
  const excerpts = excerptsOf(key);
  const [, setRead] = useState(0);
  const missing = query === null ? [] : ids.filter((id) => !excerpts.has(id));
  useEffect(() => {
    if (query === null || missing.length === 0) return;
    void Promise.all(missing.map((id) => getBulletin(db, id).catch(() => undefined))).then((bulletins) => {
      missing.forEach((id, i) => {
        const bulletin = bulletins[i];
        excerptsOf(key).set(id, bulletin ? matchExcerpt(bulletin, query) : null);
      });
      setRead((n) => n + 1);
    });
  }, [key, missing.join(' ')]);
  return excerpts;
}
