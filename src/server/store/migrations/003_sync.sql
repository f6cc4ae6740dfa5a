-- 003 sync: shared translations submitted by devices, what push verification found about each log, and what
-- per-unit pulls need to stay fast and to tell a device about bulletins it may no longer see.

-- A translation a device submitted for review (src/domain/slot-submission.ts, SlotSubmission). Its rev comes
-- from change_rev like every synced row: the submitting unit pulls its review state (SlotReview) by rev.
CREATE TABLE slot_submissions (
  id uuid PRIMARY KEY,
  bulletin_id uuid NOT NULL REFERENCES bulletins (id),
  lang text NOT NULL,
  bulletin_version integer NOT NULL CHECK (bulletin_version >= 1),
  text text NOT NULL,
  -- Attachment id of the recorded reading; the submit endpoint checks the upload arrived first.
  audio_id text CHECK (audio_id ~ '^[0-9a-f]{64}$'),
  translator text NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  device_id uuid NOT NULL REFERENCES devices (id),
  status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
  reviewer text,
  review_comment text,
  submitted_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  -- The submission's last change: the updatedAt of the SlotReview the submitting unit pulls.
  updated_at timestamptz GENERATED ALWAYS AS (coalesce(reviewed_at, submitted_at)) STORED,
  rev bigint NOT NULL,
  CHECK (text <> '' OR audio_id IS NOT NULL)
);
CREATE UNIQUE INDEX slot_submissions_rev ON slot_submissions (rev);
-- Pulls read a unit's reviews after a cursor; staff list the submissions of their units.
CREATE INDEX slot_submissions_unit_rev ON slot_submissions (unit_id, rev);
CREATE INDEX slot_submissions_status ON slot_submissions (status, submitted_at);

-- Why a log is not 'verified' (null when it is): 'hash' (its fields no longer give its hash), 'malformed'
-- (it cannot be hashed), 'link' (prevHash is not its predecessor's hash), 'signature' (not the device's key),
-- 'rules' (log-rules.ts refuses it), 'predecessor_missing' (seq - 1 has not arrived: re-checked when it does).
ALTER TABLE broadcast_logs
  ADD COLUMN verification_detail text
  CHECK (verification_detail IN ('hash', 'malformed', 'link', 'signature', 'rules', 'predecessor_missing'));

-- Units a published or withdrawn bulletin was targeted at before its targets changed: a pull tells those units
-- (and the units below them) to drop it, without telling every other unit about bulletins they never had.
-- Kept by a trigger, so every writer of bulletins keeps it right.
ALTER TABLE bulletins ADD COLUMN former_target_unit_ids uuid[] NOT NULL DEFAULT '{}';
CREATE INDEX bulletins_former_targets ON bulletins USING gin (former_target_unit_ids);

CREATE FUNCTION bulletins_remember_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A draft was never sent, so its earlier targets never had it.
  IF OLD.status <> 'draft' AND NEW.target_unit_ids IS DISTINCT FROM OLD.target_unit_ids THEN
    NEW.former_target_unit_ids := ARRAY(
      SELECT DISTINCT target FROM unnest(OLD.former_target_unit_ids || OLD.target_unit_ids) AS target
      WHERE target <> ALL (NEW.target_unit_ids)
      ORDER BY target
    );
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER bulletins_remember_targets BEFORE UPDATE ON bulletins
  FOR EACH ROW EXECUTE FUNCTION bulletins_remember_targets();
