import type { BulletinInput } from '../../src/domain/bulletin-input.ts';
import type { BroadcastFields } from '../../src/domain/log-draft.ts';
import type { BroadcastLog } from '../../src/domain/schemas/broadcast-log.ts';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../src/domain/schemas/language-slot.ts';
import type { Unit } from '../../src/domain/schemas/unit.ts';
import type { PullPage } from '../../src/domain/sync.ts';

const UPDATED_AT = '2026-11-20T01:00:00.000Z';

/** A commune unit speaking Vietnamese and H'Mông unless overridden. */
export function makeUnit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: crypto.randomUUID(),
    parentId: null,
    level: 'commune',
    name: 'Xã Sà Phìn',
    code: '03115',
    languages: ['vie', 'hmn'],
    updatedAt: UPDATED_AT,
    rev: 1,
    ...overrides,
  };
}

/** A published, normal-urgency bulletin valid through 2026 unless overridden. */
export function makeBulletin(overrides: Partial<Bulletin> = {}): Bulletin {
  return {
    id: crypto.randomUUID(),
    version: 1,
    status: 'published',
    title: 'Tuyên truyền phòng chống tin giả',
    summary: 'Cách nhận biết tin giả trên mạng xã hội.',
    body: 'Đoạn thứ nhất.\n\nĐoạn thứ hai.',
    topic: 'fake_news',
    policyRef: 'Chỉ thị 07/CT-TTg',
    issuer: 'Sở Văn hóa, Thể thao và Du lịch',
    urgency: 'normal',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    targetUnitIds: [crypto.randomUUID()],
    airing: { times: 3, perDays: 7, untilDate: '2026-12-15' },
    updatedAt: UPDATED_AT,
    rev: 1,
    ...overrides,
  };
}

/** A bulletin as staff type it, targeted at `targetUnitIds`. */
export function makeBulletinInput(
  targetUnitIds: string[],
  overrides: Partial<BulletinInput> = {},
): BulletinInput {
  return {
    title: 'Phòng chống tin giả trên mạng xã hội',
    summary: 'Cách nhận biết và báo tin giả.',
    body: 'Kính thưa bà con.\n\nKhông chia sẻ tin chưa kiểm chứng.',
    topic: 'fake_news',
    policyRef: 'Chỉ thị 07/CT-TTg',
    issuer: 'Phòng Văn hóa - Thông tin huyện',
    urgency: 'normal',
    validFrom: '2026-11-01',
    validUntil: '2026-12-31',
    targetUnitIds,
    airing: { times: 3, perDays: 7, untilDate: '2026-12-15' },
    ...overrides,
  };
}

/** An approved H'Mông slot for the given bulletin unless overridden. */
export function makeSlot(bulletinId: string, overrides: Partial<LanguageSlot> = {}): LanguageSlot {
  return {
    bulletinId,
    lang: 'hmn',
    bulletinVersion: 1,
    text: 'Lus txhais',
    audioId: null,
    status: 'approved',
    translator: 'Giàng A Páo',
    reviewer: null,
    reviewComment: null,
    updatedAt: UPDATED_AT,
    rev: 1,
    ...overrides,
  };
}

/** The server database identity makePage gives every page unless told another. */
export const PAGE_DATABASE = '0190a1b2-0000-4000-8000-00000000d8b1';

/** A pull page of PAGE_DATABASE; `cursor` defaults to the highest rev it carries. */
export function makePage(parts: Partial<PullPage> = {}): PullPage {
  const units = parts.units ?? [];
  const bulletins = parts.bulletins ?? [];
  const slots = parts.slots ?? [];
  const reviews = parts.reviews ?? [];
  const revs = [...units, ...bulletins, ...slots, ...reviews].map((row) => row.rev);
  return {
    database: PAGE_DATABASE,
    units,
    bulletins,
    slots,
    reviews,
    withdrawals: [],
    slotWithdrawals: [],
    scope: null,
    cursor: Math.max(0, ...revs),
    more: false,
    ...parts,
  };
}

/** A broadcast log of the given bulletin, started at `startedAt`, five minutes long unless overridden. */
export function makeLog(bulletinId: string | null, overrides: Partial<BroadcastLog> = {}): BroadcastLog {
  const startedAt = overrides.startedAt ?? '2026-11-25T00:00:00.000Z';
  return {
    id: crypto.randomUUID(),
    deviceId: crypto.randomUUID(),
    seq: 1,
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    signature: 'c2lnbmF0dXJlLW9mLXRoZS1oYXNo',
    unitId: crypto.randomUUID(),
    operator: 'Nguyễn Văn An',
    bulletinId,
    bulletinVersion: bulletinId === null ? null : 1,
    lang: 'vie',
    source: 'tts',
    channel: 'wired_loudspeaker',
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + 5 * 60_000).toISOString(),
    repeats: 1,
    completion: { passes: 1, measured: true },
    location: null,
    placeName: null,
    photoIds: [],
    notes: '',
    correctsLogId: null,
    createdAt: startedAt,
    ...overrides,
  };
}

/** What a played bulletin's draft gives the log writer: a broadcast of 8 minutes that ended a minute ago. */
export function makeBroadcastInput(
  unitId: string,
  bulletinId: string,
  overrides: Partial<BroadcastFields> = {},
): BroadcastFields {
  const endedAt = Date.now() - 60_000;
  return {
    unitId,
    operator: 'Nguyễn Văn An',
    bulletinId,
    bulletinVersion: 1,
    lang: 'vie',
    source: 'tts',
    channel: 'wired_loudspeaker',
    startedAt: new Date(endedAt - 8 * 60_000).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    repeats: 2,
    location: null,
    placeName: null,
    photoIds: [],
    notes: '',
    correctsLogId: null,
    ...overrides,
  };
}
