#!/usr/bin/env bash
# Installs what the test suites need on a fresh Debian machine: Chromium for the e2e tests and a running
# PostgreSQL (127.0.0.1:5432, trust auth, database "test") for the server tests, then the npm packages.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The server tests reach PostgreSQL at 127.0.0.1:5432 as "postgres" without a password (trust on loopback only).
can_connect() { psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; }
if ! can_connect; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  $SUDO grep -q '^host all postgres 127.0.0.1/32 trust' "$hba" || $SUDO sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  if pg_isready -q -h 127.0.0.1 -p 5432; then
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  else
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  for _ in $(seq 1 30); do can_connect && break; sleep 1; done
fi
if ! psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -d postgres -c 'create database test' >/dev/null
fi

npm ci --no-audit --no-fund
