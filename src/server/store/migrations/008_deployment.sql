-- 008 deployment: what a province needs to run LoaXa for years on one or more server processes.

-- The database's identity, carried by every pull page. A database restored from a backup or created anew gets
-- another one (restore sets it), and a device that meets another identity syncs again from the start instead of
-- waiting for revs the database will never reach.
CREATE TABLE database_identity (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO database_identity (id) VALUES (gen_random_uuid());

-- Attempts that may fail (sign-ins, enrolments) counted per limiter and key within a sliding window
-- (auth/rate-limit.ts). Kept in the database so every server process behind a load balancer counts the same
-- attempts; rows older than the longest window are deleted as new attempts arrive.
CREATE TABLE attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  limiter text NOT NULL,
  key text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX attempts_key ON attempts (limiter, key, at);
CREATE INDEX attempts_at ON attempts (at);

-- The audit trail (store/audit-store.ts): every staff write, enrolment and push, with who, when, what and the
-- values before and after. Append-only and hash-chained like a device's logs: each entry's hash covers its
-- fields and the previous entry's hash, so an edited or deleted entry breaks the chain check. `unit_ids` are the
-- units the change concerns (a bulletin's targets, a moved unit's old and new parent), so staff read the entries
-- touching their subtree. The values before and after are canonical JSON text, hashed as stored.
CREATE TABLE audit_entries (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'device', 'system')),
  actor_id uuid,
  actor_name text NOT NULL,
  unit_ids uuid[] NOT NULL,
  action text NOT NULL,
  target_id text,
  before text,
  after text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_entries_units ON audit_entries USING gin (unit_ids);
CREATE INDEX audit_entries_at ON audit_entries (at);
