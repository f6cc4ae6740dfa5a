-- 006 completion: how much of the bulletin a broadcast aired (src/domain/completion.ts). A log states its completed
-- passes, measured by the player or declared by the operator; a log with none is a partial airing, counted in
-- minutes and apart, never as a broadcast or toward a requirement. Logs stored before hold NULL and are read as
-- declared complete, as completionOf reads a log without completion.
ALTER TABLE broadcast_logs
  ADD COLUMN completed_passes integer,
  ADD COLUMN passes_measured boolean,
  ADD CONSTRAINT broadcast_logs_completion CHECK (
    (completed_passes IS NULL) = (passes_measured IS NULL)
    AND (completed_passes IS NULL OR (completed_passes >= 0 AND completed_passes <= repeats))
  );

-- Partial airings per fact; every stored log is complete (NULL), so the facts kept so far stay right.
ALTER TABLE airing_facts ADD COLUMN partial integer NOT NULL DEFAULT 0;

-- As in 004, with `broadcasts` and `verified` counting complete airings only and `partial` the others; the time on
-- air counts both.
CREATE OR REPLACE FUNCTION airing_facts_add(ids uuid[], broadcasts integer[], verified integer[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO airing_facts AS fact
    (unit_id, day, bulletin_id, channel, lang, broadcasts, partial, seconds, verified)
  SELECT log.unit_id, (log.started_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, log.bulletin_id, log.channel, log.lang,
    sum(CASE WHEN log.complete THEN share.broadcasts ELSE 0 END),
    sum(CASE WHEN log.complete THEN 0 ELSE share.broadcasts END),
    sum(share.broadcasts * greatest(0, extract(epoch FROM log.ended_at - log.started_at))),
    sum(CASE WHEN NOT log.complete THEN 0
      ELSE share.verified + CASE WHEN log.verification = 'verified' THEN share.broadcasts ELSE 0 END END)
  FROM unnest(ids, broadcasts, verified) AS share(id, broadcasts, verified)
  JOIN (
    SELECT broadcast_logs.*, coalesce(completed_passes, repeats) >= 1 AS complete FROM broadcast_logs
  ) AS log ON log.id = share.id
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (unit_id, day, bulletin_id, channel, lang) DO UPDATE
  SET broadcasts = fact.broadcasts + excluded.broadcasts, partial = fact.partial + excluded.partial,
    seconds = fact.seconds + excluded.seconds, verified = fact.verified + excluded.verified
$$;
