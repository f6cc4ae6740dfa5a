-- 007 account administration: staff manage the accounts of their subtree (src/server/http/accounts). A disabled
-- account keeps its row (its pairing codes and, later, its audit entries name it) but cannot sign in, and its
-- sessions are deleted when it is disabled. An account given a temporary password must choose its own at its
-- next sign-in before doing anything else.
ALTER TABLE users
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN last_sign_in_at timestamptz;

-- Staff list the accounts of a subtree.
CREATE INDEX users_unit ON users (unit_id);
