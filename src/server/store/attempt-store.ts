/**
 * Attempts that may fail (sign-ins, enrolments), counted in the database (table `attempts`) so every server
 * process behind a load balancer counts the same ones. Each key of a limiter is serialised by an advisory lock
 * for the length of one transaction: two processes beginning attempts on one key at once count one after the
 * other, and the limit holds exactly.
 */
import type { SqlEngine, SqlExecutor } from './sql.ts';

/** One limiter and the key an attempt counts under (a login, a client address). */
export interface AttemptCounter {
  limiter: string;
  key: string;
  /** Attempts allowed within the window. */
  limit: number;
  windowMs: number;
}

/** What beginning attempts found: `wait` seconds while any counter is at its limit, else 0 and the ids counted. */
export interface BegunAttempt {
  wait: number;
  /** One per counter, in the counters' order; empty when refused (nothing was counted). */
  ids: number[];
}

/** Attempts are kept this long at most, longer than any limiter's window. */
const ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface AttemptStore {
  /**
   * Begins an attempt on every counter at once, at `now`: counts it on each and answers wait 0, or, when any
   * counter is already at its limit, counts nothing and answers the seconds until that counter has room.
   */
  begin(counters: readonly AttemptCounter[], now: Date): Promise<BegunAttempt>;
  /** Takes back attempts counted by begin (they succeeded, so they are no failures). */
  takeBack(ids: readonly number[]): Promise<void>;
  /** Forgets every attempt of `key` on `limiter`, e.g. the failures of a login after it signed in. */
  forget(limiter: string, key: string): Promise<void>;
}

/** Seconds until `counter` has room, given the times of its attempts still in the window (oldest first). */
function secondsToWait(counter: AttemptCounter, times: readonly string[], now: Date): number {
  if (times.length < counter.limit) return 0;
  const oldestThatCounts = Date.parse(times[times.length - counter.limit] ?? now.toISOString());
  return Math.max(1, Math.ceil((oldestThatCounts + counter.windowMs - now.getTime()) / 1000));
}

async function lockKey(tx: SqlExecutor, { limiter, key }: AttemptCounter): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [limiter, key]);
}

export function createAttemptStore(engine: SqlEngine): AttemptStore {
  return {
    begin: (counters, now) =>
      engine.transaction(async (tx) => {
        // Locked in one order, so two processes locking the same keys cannot wait on each other.
        const ordered = [...counters].sort(
          (a, b) => a.limiter.localeCompare(b.limiter) || a.key.localeCompare(b.key),
        );
        for (const counter of ordered) await lockKey(tx, counter);
        await tx.query('DELETE FROM attempts WHERE at < $1', [
          new Date(now.getTime() - ATTEMPT_RETENTION_MS).toISOString(),
        ]);
        const waits: number[] = [];
        for (const counter of counters) {
          const since = new Date(now.getTime() - counter.windowMs).toISOString();
          const rows = await tx.query<{ at: string }>(
            'SELECT at FROM attempts WHERE limiter = $1 AND key = $2 AND at > $3 ORDER BY at, id',
            [counter.limiter, counter.key, since],
          );
          waits.push(
            secondsToWait(
              counter,
              rows.map((row) => row.at),
              now,
            ),
          );
        }
        const wait = Math.max(0, ...waits);
        if (wait > 0) return { wait, ids: [] };
        const ids: number[] = [];
        for (const counter of counters) {
          const [row] = await tx.query<{ id: number }>(
            'INSERT INTO attempts (limiter, key, at) VALUES ($1, $2, $3) RETURNING id',
            [counter.limiter, counter.key, now.toISOString()],
          );
          if (row === undefined) throw new Error('An attempt was inserted but no id came back');
          ids.push(row.id);
        }
        return { wait: 0, ids };
      }),

    async takeBack(ids) {
      if (ids.length > 0) await engine.query('DELETE FROM attempts WHERE id = ANY($1::bigint[])', [ids]);
    },

    async forget(limiter, key) {
      await engine.query('DELETE FROM attempts WHERE limiter = $1 AND key = $2', [limiter, key]);
    },
  };
}
