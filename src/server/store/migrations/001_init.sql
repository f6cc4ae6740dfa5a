-- 001 init: the synced content (units, bulletins, language slots), the evidence (broadcast logs, attachments)
-- and who may write it (users, devices). Columns mirror src/domain/schemas in snake_case.
-- Enumerations the server's own logic branches on get CHECK constraints; open lists that grow with the
-- domain (topics, languages, channels) are validated by the domain schemas only, so adding one needs no migration.

-- One sequence for every synced table: each write takes the next value as the row's rev, so the pull cursor
-- orders changes across units, bulletins and slots.
CREATE SEQUENCE change_rev;

CREATE TABLE units (
  id uuid PRIMARY KEY,
  -- Deferred so a batch may list a child before its parent.
  parent_id uuid REFERENCES units (id) DEFERRABLE INITIALLY DEFERRED,
  level text NOT NULL CHECK (level IN ('province', 'district', 'commune', 'team')),
  name text NOT NULL,
  code text,
  languages text[] NOT NULL,
  updated_at timestamptz NOT NULL,
  rev bigint NOT NULL
);
CREATE UNIQUE INDEX units_rev ON units (rev);
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE bulletins (
  id uuid PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
  title text NOT NULL,
  summary text NOT NULL,
  body text NOT NULL,
  topic text NOT NULL,
  policy_ref text NOT NULL,
  issuer text NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('normal', 'urgent')),
  valid_from date NOT NULL,
  valid_until date,
  -- No foreign key is possible on an array; the domain schema checks the ids are UUIDs.
  target_unit_ids uuid[] NOT NULL,
  -- {times, perDays, untilDate} exactly as the domain's AiringRequirement, or null.
  airing jsonb,
  updated_at timestamptz NOT NULL,
  rev bigint NOT NULL
);
CREATE UNIQUE INDEX bulletins_rev ON bulletins (rev);
-- For the per-unit pull filter: bulletins whose targets overlap a device's unit and its ancestors.
CREATE INDEX bulletins_targets ON bulletins USING gin (target_unit_ids);

CREATE TABLE language_slots (
  bulletin_id uuid NOT NULL REFERENCES bulletins (id) DEFERRABLE INITIALLY DEFERRED,
  lang text NOT NULL,
  bulletin_version integer NOT NULL CHECK (bulletin_version >= 1),
  text text NOT NULL,
  -- Attachment id of the recorded reading; no foreign key, because the upload and the slot may arrive in
  -- either order over a flaky connection.
  audio_id text,
  status text NOT NULL CHECK (status IN ('missing', 'draft', 'submitted', 'approved', 'rejected')),
  translator text,
  reviewer text,
  review_comment text,
  updated_at timestamptz NOT NULL,
  rev bigint NOT NULL,
  PRIMARY KEY (bulletin_id, lang)
);
CREATE UNIQUE INDEX language_slots_rev ON language_slots (rev);

-- Metadata of content-addressed blobs; the bytes live on disk under DATA_DIR/attachments/<sha256>.
CREATE TABLE attachments (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  mime text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES units (id),
  role text NOT NULL CHECK (role IN ('operator', 'team', 'district', 'province', 'admin')),
  login text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL
);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES units (id),
  label text NOT NULL,
  -- The public P-256 JWK {kty, crv, x, y}: read back whole to verify signatures.
  public_key jsonb NOT NULL,
  token_hash text NOT NULL UNIQUE,
  enrolled_at timestamptz NOT NULL,
  last_seen_at timestamptz,
  revoked_at timestamptz
);

-- Immutable evidence: rows are inserted once and never updated; a correction is a new row (corrects_log_id).
CREATE TABLE broadcast_logs (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices (id),
  seq integer NOT NULL CHECK (seq >= 1),
  prev_hash text NOT NULL,
  hash text NOT NULL,
  signature text NOT NULL,
  unit_id uuid NOT NULL REFERENCES units (id),
  operator text NOT NULL,
  -- No foreign keys to bulletins or corrected logs: evidence is kept as the device recorded it, and
  -- verification reports what does not check out.
  bulletin_id uuid,
  bulletin_version integer,
  lang text NOT NULL,
  source text NOT NULL,
  channel text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  repeats integer NOT NULL CHECK (repeats >= 1),
  -- The optional GPS fix as columns, so reports can filter and map without unpacking JSON; all three or none.
  location_lat double precision,
  location_lng double precision,
  location_accuracy_m double precision,
  place_name text,
  photo_ids text[] NOT NULL,
  notes text NOT NULL,
  corrects_log_id uuid,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  verification text NOT NULL CHECK (verification IN ('verified', 'unverified', 'broken_chain')),
  CHECK ((location_lat IS NULL) = (location_lng IS NULL) AND (location_lat IS NULL) = (location_accuracy_m IS NULL)),
  -- One position per device chain: a second log claiming the same seq is a fork, not a duplicate.
  UNIQUE (device_id, seq)
);
CREATE INDEX broadcast_logs_unit_started ON broadcast_logs (unit_id, started_at);
CREATE INDEX broadcast_logs_bulletin ON broadcast_logs (bulletin_id);
