-- 002 accounts: staff sessions and one-time pairing codes (users and devices came with 001). Secrets are kept
-- only as SHA-256 hashes: a copy of the database lets nobody sign in as staff or enrol a device.

CREATE TABLE staff_sessions (
  -- SHA-256 (hex) of the cookie value.
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);

CREATE TABLE pairing_codes (
  -- SHA-256 (hex) of the normalised code.
  code_hash text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  unit_id uuid NOT NULL REFERENCES units (id),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device uuid REFERENCES devices (id),
  CHECK ((used_at IS NULL) = (used_by_device IS NULL))
);

-- Staff list the devices of a subtree.
CREATE INDEX devices_unit ON devices (unit_id);
