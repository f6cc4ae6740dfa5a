-- 004 airing facts: what the coverage dashboard and the reports read over a unit's logs in a period
-- (src/server/store/coverage-store.ts) without grouping every log of the subtree on each read.

-- The airing facts of src/domain/coverage.ts (airingFactsOf), kept as logs arrive: per unit, bulletin, Vietnam
-- calendar day, channel and language, the counted logs (those no stored log corrects), their time on air and how
-- many are verified. Triggers on broadcast_logs keep it, so every writer of logs keeps it right; logs are
-- evidence, never deleted, and only their verification ever changes (log-store.ts).
CREATE TABLE airing_facts (
  unit_id uuid NOT NULL,
  day date NOT NULL,
  bulletin_id uuid,
  channel text NOT NULL,
  lang text NOT NULL,
  broadcasts integer NOT NULL,
  -- Exact sums of the durations (numeric), so adding and taking away logs never drifts.
  seconds numeric NOT NULL,
  verified integer NOT NULL,
  -- A fact whose last log was corrected stays with zero broadcasts; readers skip it. No CHECK on the counts:
  -- the triggers insert changes (-1, +1) as rows ON CONFLICT DO UPDATE, and a CHECK would refuse the change row.
  UNIQUE NULLS NOT DISTINCT (unit_id, day, bulletin_id, channel, lang)
);

-- Adds logs to their facts: per log id, `broadcasts` (+1 counts the log, -1 stops counting it, 0 neither) and
-- `verified` (a change of verification alone). In key order, so concurrent pushes lock facts in one order.
CREATE FUNCTION airing_facts_add(ids uuid[], broadcasts integer[], verified integer[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO airing_facts AS fact (unit_id, day, bulletin_id, channel, lang, broadcasts, seconds, verified)
  SELECT log.unit_id, (log.started_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, log.bulletin_id, log.channel, log.lang,
    sum(share.broadcasts), sum(share.broadcasts * greatest(0, extract(epoch FROM log.ended_at - log.started_at))),
    sum(share.verified + CASE WHEN log.verification = 'verified' THEN share.broadcasts ELSE 0 END)
  FROM unnest(ids, broadcasts, verified) AS share(id, broadcasts, verified)
  JOIN broadcast_logs AS log ON log.id = share.id
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (unit_id, day, bulletin_id, channel, lang) DO UPDATE
  SET broadcasts = fact.broadcasts + excluded.broadcasts, seconds = fact.seconds + excluded.seconds,
    verified = fact.verified + excluded.verified
$$;

-- New logs count unless a stored log corrects them; the stored logs they correct stop counting, once (a log an
-- earlier log corrected was no longer counted). Pushes of one device run one after the other (log-store.ts), and a
-- device corrects its own logs, so a log and its correction are never inserted by two transactions at once.
CREATE FUNCTION airing_facts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  signs integer[];
BEGIN
  SELECT coalesce(array_agg(share.id), '{}'), coalesce(array_agg(share.sign), '{}') INTO ids, signs FROM (
    SELECT inserted.id, 1 AS sign FROM inserted
    WHERE NOT EXISTS (SELECT 1 FROM broadcast_logs AS c WHERE c.corrects_log_id = inserted.id)
    UNION ALL
    -- Anti-joins (NOT EXISTS), not NOT IN: a NOT IN over a large batch that outgrows work_mem is quadratic.
    SELECT DISTINCT corrected.id, -1 FROM inserted AS correction
    JOIN broadcast_logs AS corrected ON corrected.id = correction.corrects_log_id
    WHERE NOT EXISTS (SELECT 1 FROM inserted AS same WHERE same.id = corrected.id)
      AND NOT EXISTS (
        SELECT 1 FROM broadcast_logs AS earlier
        WHERE earlier.corrects_log_id = corrected.id
          AND NOT EXISTS (SELECT 1 FROM inserted AS same WHERE same.id = earlier.id)
      )
  ) AS share;
  PERFORM airing_facts_add(ids, signs, array_fill(0, ARRAY[cardinality(ids)]));
  RETURN NULL;
END
$$;
CREATE TRIGGER airing_facts_on_insert AFTER INSERT ON broadcast_logs
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION airing_facts_on_insert();

-- A counted log whose verification changed moves between verified and not.
CREATE FUNCTION airing_facts_on_verification() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  signs integer[];
BEGIN
  SELECT coalesce(array_agg(after.id), '{}'),
    coalesce(array_agg(CASE WHEN after.verification = 'verified' THEN 1 ELSE -1 END), '{}')
  INTO ids, signs
  FROM before JOIN after ON after.id = before.id
  WHERE (after.verification = 'verified') <> (before.verification = 'verified')
    AND NOT EXISTS (SELECT 1 FROM broadcast_logs AS c WHERE c.corrects_log_id = after.id);
  PERFORM airing_facts_add(ids, array_fill(0, ARRAY[cardinality(ids)]), signs);
  RETURN NULL;
END
$$;
-- (Transition tables rule out `UPDATE OF verification`; the function looks at verification changes only.)
CREATE TRIGGER airing_facts_on_verification AFTER UPDATE ON broadcast_logs
  REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT
  EXECUTE FUNCTION airing_facts_on_verification();

-- "Is this log corrected by another?" for every counted log: corrections are few, so a partial index.
CREATE INDEX broadcast_logs_corrects ON broadcast_logs (corrects_log_id) WHERE corrects_log_id IS NOT NULL;

-- The logs stored before this migration.
INSERT INTO airing_facts (unit_id, day, bulletin_id, channel, lang, broadcasts, seconds, verified)
SELECT unit_id, (started_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, bulletin_id, channel, lang, count(*),
  sum(greatest(0, extract(epoch FROM ended_at - started_at))), count(*) FILTER (WHERE verification = 'verified')
FROM broadcast_logs
WHERE NOT EXISTS (SELECT 1 FROM broadcast_logs AS c WHERE c.corrects_log_id = broadcast_logs.id)
GROUP BY 1, 2, 3, 4, 5;

-- Logs verification refused, per unit and time: the dashboard counts and lists them.
CREATE INDEX broadcast_logs_unverified ON broadcast_logs (unit_id, started_at) WHERE verification <> 'verified';

-- Logs with a position, per unit and time: the stops on the dashboard's map.
CREATE INDEX broadcast_logs_located ON broadcast_logs (unit_id, started_at) WHERE location_lat IS NOT NULL;
