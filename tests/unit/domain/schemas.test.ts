import { describe, expect, it } from 'vitest';
import { BulletinSchema } from '../../../src/domain/schemas/bulletin.ts';
import { BroadcastLogSchema } from '../../../src/domain/schemas/broadcast-log.ts';
import { UnitSchema } from '../../../src/domain/schemas/unit.ts';
import { validate } from '../../../src/domain/validation.ts';

const bulletin = {
  id: '0195f3a4-7c1e-7a10-8b2c-3d4e5f607182',
  version: 1,
  status: 'published',
  title: 'Tham gia bảo hiểm y tế hộ gia đình',
  summary: 'Mức đóng và quyền lợi khi tham gia.',
  body: 'Kính thưa bà con nhân dân.\n\nBảo hiểm y tế là chính sách an sinh xã hội.',
  topic: 'health_insurance',
  policyRef: 'Luật Bảo hiểm y tế',
  issuer: 'Bảo hiểm xã hội huyện',
  urgency: 'normal',
  validFrom: '2026-11-01',
  validUntil: '2026-12-31',
  targetUnitIds: ['0195f3a4-7c1e-7a10-8b2c-3d4e5f607100'],
  airing: { times: 3, perDays: 7, untilDate: '2026-12-15' },
  updatedAt: '2026-11-01T01:00:00.000Z',
  rev: 0,
};

const log = {
  id: '0195f3a4-7c1e-7a10-8b2c-3d4e5f6071aa',
  deviceId: '0195f3a4-7c1e-7a10-8b2c-3d4e5f6071bb',
  seq: 1,
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
  signature: 'MEUCIQDx_signature-bytes_base64url',
  unitId: '0195f3a4-7c1e-7a10-8b2c-3d4e5f607100',
  operator: 'Lò Văn Minh',
  bulletinId: bulletin.id,
  bulletinVersion: 1,
  lang: 'vie',
  source: 'tts',
  channel: 'wired_loudspeaker',
  startedAt: '2026-11-25T00:00:00.000Z',
  endedAt: '2026-11-25T00:04:30.000Z',
  repeats: 2,
  location: null,
  placeName: null,
  photoIds: [],
  notes: '',
  correctsLogId: null,
  createdAt: '2026-11-25T00:04:31.000Z',
};

describe('domain schemas', () => {
  it('accept a well-formed bulletin and broadcast log', () => {
    expect(validate(BulletinSchema, bulletin)).toEqual({ ok: true, value: bulletin });
    expect(validate(BroadcastLogSchema, log).ok).toBe(true);
  });

  it('name the offending field', () => {
    const result = validate(BulletinSchema, {
      ...bulletin,
      topic: 'gossip',
      airing: { times: 0, perDays: 7, untilDate: null },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field).sort()).toEqual(['airing.times', 'topic']);
  });

  it('refuse unknown fields, so nothing unexpected is stored', () => {
    const result = validate(BulletinSchema, { ...bulletin, html: '<b>x</b>' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.field).toBe('html');
  });

  it('refuse a bulletin valid until before it starts', () => {
    const result = validate(BulletinSchema, { ...bulletin, validUntil: '2026-10-01' });
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'validUntil' }] });
  });

  it('refuse a log that ends before it starts or lasts absurdly long', () => {
    expect(validate(BroadcastLogSchema, { ...log, endedAt: '2026-11-24T23:00:00.000Z' })).toMatchObject({
      ok: false,
      issues: [{ field: 'endedAt' }],
    });
    expect(validate(BroadcastLogSchema, { ...log, endedAt: '2026-11-25T09:00:00.000Z' })).toMatchObject({
      ok: false,
      issues: [{ field: 'endedAt' }],
    });
  });

  it('refuse a log with a bulletin but no bulletin version', () => {
    expect(validate(BroadcastLogSchema, { ...log, bulletinVersion: null })).toMatchObject({
      ok: false,
      issues: [{ field: 'bulletinVersion' }],
    });
  });

  it('refuse a unit speaking an unregistered language', () => {
    const unit = {
      id: bulletin.targetUnitIds[0],
      parentId: null,
      level: 'commune',
      name: 'Xã Tả Phìn',
      code: '02683',
      languages: ['vie', 'klingon'],
      updatedAt: '2026-11-01T01:00:00.000Z',
      rev: 0,
    };
    expect(validate(UnitSchema, unit)).toMatchObject({ ok: false, issues: [{ field: 'languages.1' }] });
    expect(validate(UnitSchema, { ...unit, languages: ['vie', 'hmn'] }).ok).toBe(true);
  });
});
