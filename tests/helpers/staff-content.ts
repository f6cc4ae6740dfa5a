/**
 * Fixtures for the staff content API tests: a second district beside the demo one (with its own staff and a
 * commune speaking H'Mông), device pulls read to the end, signed log chains pushed through the real API,
 * uploaded recordings, and ApiError assertions.
 */
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { GENESIS_HASH, hashLog } from '../../src/domain/evidence/canonical.ts';
import { signHash } from '../../src/domain/evidence/signature.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { ApiError, PullPage, PushResult } from '../../src/domain/sync.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { demoUsersWithPasswords } from '../../src/server/demo/demo-users.ts';
import type { Store, StoreKind } from '../../src/server/store/store.ts';
import type { SqlExecutor } from '../../src/server/store/sql.ts';
import type { TestApp, TestDevice } from './auth.ts';
import { deviceHeaders, openAccountsApp } from './auth.ts';
import { makeLog, makeUnit } from './factories.ts';
import type { TestDatabase } from './stores.ts';

/** Ids and login of the second district. */
export interface OtherDistrict {
  districtId: string;
  /** A commune of the second district speaking Vietnamese and H'Mông. */
  communeId: string;
  /** Its district staff account (password DEMO_PASSWORD). */
  login: string;
}

/** Adds a second district under the demo province, with a commune and a district staff account. */
export async function addOtherDistrict(store: Store): Promise<OtherDistrict> {
  const district = makeUnit({
    parentId: DEMO_UNIT_IDS.province,
    level: 'district',
    name: 'Huyện Bắc Sơn',
    code: '399',
  });
  const commune = makeUnit({ parentId: district.id, name: 'Xã Sà Phìn', languages: ['vie', 'hmn'] });
  await store.upsertUnits([district, commune]);
  const [template] = await demoUsersWithPasswords();
  if (template === undefined) throw new Error('No demo user to copy a password hash from');
  const login = 'phong.bacson';
  await store.accounts.insertUsers([
    {
      id: crypto.randomUUID(),
      unitId: district.id,
      role: 'district',
      login,
      displayName: 'Phòng Văn hóa - Thông tin huyện Bắc Sơn',
      passwordHash: template.passwordHash,
    },
  ]);
  return { districtId: district.id, communeId: commune.id, login };
}

/** openAccountsApp with the second district added. */
export async function openStaffContentApp(
  kind: StoreKind,
): Promise<{ db: TestDatabase; app: Hono; other: OtherDistrict }> {
  const { db, app } = await openAccountsApp(kind);
  return { db, app, other: await addOtherDistrict(db.store) };
}

/** Everything a device pulls from `cursor` on, page after page, merged (the database of the last page). */
export async function pullAll(app: TestApp, device: TestDevice, cursor = 0): Promise<PullPage> {
  const all: PullPage = {
    database: '',
    units: [],
    bulletins: [],
    slots: [],
    reviews: [],
    withdrawals: [],
    slotWithdrawals: [],
    scope: null,
    cursor,
    more: true,
  };
  while (all.more) {
    const response = await app.request(`/api/sync/pull?cursor=${all.cursor}`, {
      headers: deviceHeaders(device.token),
    });
    expect(response.status, 'pull').toBe(200);
    const page = (await response.json()) as PullPage;
    all.units.push(...page.units);
    all.bulletins.push(...page.bulletins);
    all.slots.push(...page.slots);
    all.reviews.push(...page.reviews);
    all.withdrawals.push(...page.withdrawals);
    all.slotWithdrawals.push(...page.slotWithdrawals);
    // What the device last learnt: the scope of the last page that carried one.
    all.scope = page.scope ?? all.scope;
    all.database = page.database;
    all.cursor = page.cursor;
    all.more = page.more;
  }
  return all;
}

/** Records that a recording with this SHA-256 was uploaded (the attachment row the submit endpoint checks). */
export async function storeRecording(sql: SqlExecutor, sha256: string): Promise<void> {
  await sql.query("INSERT INTO attachments (id, mime, size) VALUES ($1, 'audio/webm', 1200)", [sha256]);
}

/**
 * A correctly hashed and signed chain of the device's logs for `unitId`, one per start time (seq from 1),
 * each five minutes long and written when it ended; `extra(index)` adds fields to each log (a channel, a position).
 */
export async function signedChain(
  device: TestDevice,
  unitId: string,
  startTimes: readonly string[],
  extra: (index: number) => Partial<BroadcastLog> = () => ({}),
): Promise<BroadcastLog[]> {
  const logs: BroadcastLog[] = [];
  let prevHash = GENESIS_HASH;
  for (const [index, startedAt] of startTimes.entries()) {
    const endedAt = new Date(Date.parse(startedAt) + 5 * 60_000).toISOString();
    const draft = makeLog(null, {
      ...extra(index),
      deviceId: device.deviceId,
      unitId,
      seq: index + 1,
      prevHash,
      startedAt,
      endedAt,
      createdAt: endedAt,
    });
    const hash = await hashLog(prevHash, draft);
    logs.push({ ...draft, hash, signature: await signHash(device.privateKey, hash) });
    prevHash = hash;
  }
  return logs;
}

/** Pushes logs as the device through POST /api/sync/push; returns the per-log results. */
export async function pushLogs(
  app: TestApp,
  device: TestDevice,
  logs: readonly BroadcastLog[],
): Promise<PushResult[]> {
  const response = await app.request('/api/sync/push', {
    method: 'POST',
    headers: deviceHeaders(device.token, true),
    body: JSON.stringify({ logs }),
  });
  expect(response.status, 'push').toBe(200);
  return ((await response.json()) as { results: PushResult[] }).results;
}

/** Asserts an ApiError answer with this status and code; returns its body. */
export async function expectApiError(response: Response, status: number, error: string): Promise<ApiError> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as ApiError;
  expect({ status: response.status, error: body.error }).toEqual({ status, error });
  expect(typeof body.message).toBe('string');
  return body;
}
