-- 005 refused logs: a device's chain holds only logs its key signed (log-store.ts).

-- Every log a push refused, kept apart from broadcast_logs for staff to see: a forgery sent with a device's token
-- ('not_signed'), a log the schema refused ('invalid'), or one naming another device, a unit outside the device's,
-- or an id or seq already taken. `sent` is the log as sent, as JSON text (escaped, so any input is storable);
-- seq is read from it when it is a whole number the column holds. A device keeps its latest rows only
-- (REFUSED_LOGS_KEPT), so a stolen token cannot fill the disk.
CREATE TABLE refused_logs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices (id),
  -- The device's unit when the push arrived: staff see the refusals of their subtree.
  unit_id uuid NOT NULL REFERENCES units (id),
  received_at timestamptz NOT NULL,
  log_id uuid NOT NULL,
  seq integer,
  reason text NOT NULL CHECK (
    reason IN ('invalid', 'not_signed', 'wrong_device', 'unit_not_allowed', 'seq_conflict', 'id_conflict')
  ),
  -- For 'not_signed': 'hash', 'malformed' or 'signature' (verify-log.ts).
  problem text CHECK (problem IN ('hash', 'malformed', 'signature')),
  sent text NOT NULL
);
CREATE INDEX refused_logs_unit_received ON refused_logs (unit_id, received_at);
CREATE INDEX refused_logs_device ON refused_logs (device_id, id);

-- Logs stored before this migration that their device never signed move out of the chain, so the genuine log
-- with the same seq can take its place when the device sends it again.
INSERT INTO refused_logs (device_id, unit_id, received_at, log_id, seq, reason, problem, sent)
SELECT log.device_id, device.unit_id, log.received_at, log.id, log.seq, 'not_signed', log.verification_detail,
  json_build_object('id', log.id, 'deviceId', log.device_id, 'seq', log.seq, 'prevHash', log.prev_hash,
    'hash', log.hash, 'signature', log.signature, 'unitId', log.unit_id, 'operator', log.operator,
    'bulletinId', log.bulletin_id, 'bulletinVersion', log.bulletin_version, 'lang', log.lang,
    'source', log.source, 'channel', log.channel, 'startedAt', log.started_at, 'endedAt', log.ended_at,
    'repeats', log.repeats, 'placeName', log.place_name, 'photoIds', log.photo_ids, 'notes', log.notes,
    'correctsLogId', log.corrects_log_id, 'createdAt', log.created_at)::text
FROM broadcast_logs AS log JOIN devices AS device ON device.id = log.device_id
WHERE log.verification_detail IN ('hash', 'malformed', 'signature');

DELETE FROM broadcast_logs WHERE verification_detail IN ('hash', 'malformed', 'signature');

-- The facts are rebuilt from the logs that stay (as 004 built them): a moved log may have corrected another.
TRUNCATE airing_facts;
INSERT INTO airing_facts (unit_id, day, bulletin_id, channel, lang, broadcasts, seconds, verified)
SELECT unit_id, (started_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, bulletin_id, channel, lang, count(*),
  sum(greatest(0, extract(epoch FROM ended_at - started_at))), count(*) FILTER (WHERE verification = 'verified')
FROM broadcast_logs
WHERE NOT EXISTS (SELECT 1 FROM broadcast_logs AS c WHERE c.corrects_log_id = broadcast_logs.id)
GROUP BY 1, 2, 3, 4, 5;

-- Times checked against the server's clock at arrival: 'clock_ahead' (ahead of it beyond the tolerance) and
-- 'before_enrolment' (long before the device was enrolled) leave a signed log unverified.
ALTER TABLE broadcast_logs DROP CONSTRAINT broadcast_logs_verification_detail_check;
ALTER TABLE broadcast_logs ADD CONSTRAINT broadcast_logs_verification_detail_check CHECK (
  verification_detail IN (
    'hash', 'malformed', 'link', 'signature', 'rules', 'clock_ahead', 'before_enrolment', 'predecessor_missing'
  )
);
