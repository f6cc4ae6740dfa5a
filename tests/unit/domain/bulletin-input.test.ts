import { describe, expect, it } from 'vitest';
import { BulletinInputSchema, BulletinUpdateSchema } from '../../../src/domain/bulletin-input.ts';
import { LogQuerySchema } from '../../../src/domain/staff-api.ts';
import { validate } from '../../../src/domain/validation.ts';
import { makeBulletinInput } from '../../helpers/factories.ts';

const input = makeBulletinInput(['0195f3a4-7c1e-7a10-8b2c-3d4e5f607100'], {
  title: '  Phòng chống tin giả trên mạng xã hội ',
});

function fieldsOf(result: ReturnType<typeof validate>): string[] {
  return result.ok ? [] : result.issues.map((issue) => issue.field);
}

describe('BulletinInputSchema', () => {
  it('accepts the content fields and trims them as BulletinSchema does', () => {
    const result = validate(BulletinInputSchema, input);
    expect(result).toEqual({ ok: true, value: { ...input, title: 'Phòng chống tin giả trên mạng xã hội' } });
  });

  it('refuses the fields the server owns and unknown ones', () => {
    for (const extra of ['id', 'status', 'version', 'updatedAt', 'rev', 'author']) {
      expect(fieldsOf(validate(BulletinInputSchema, { ...input, [extra]: 1 }))).toEqual([extra]);
    }
  });

  it('applies the bulletin field checks', () => {
    const result = validate(BulletinInputSchema, {
      ...input,
      title: '   ',
      topic: 'gossip',
      targetUnitIds: [],
      airing: { times: 0, perDays: 7, untilDate: null },
    });
    expect(fieldsOf(result).sort()).toEqual(['airing.times', 'targetUnitIds', 'title', 'topic']);
  });

  it('refuses an end of validity before its start, on validUntil', () => {
    expect(fieldsOf(validate(BulletinInputSchema, { ...input, validUntil: '2026-10-31' }))).toEqual([
      'validUntil',
    ]);
    expect(validate(BulletinInputSchema, { ...input, validUntil: null }).ok).toBe(true);
  });
});

describe('BulletinUpdateSchema', () => {
  it('needs the version the edit was made from', () => {
    expect(validate(BulletinUpdateSchema, { ...input, version: 3 }).ok).toBe(true);
    expect(fieldsOf(validate(BulletinUpdateSchema, input))).toEqual(['version']);
    expect(fieldsOf(validate(BulletinUpdateSchema, { ...input, version: 0 }))).toEqual(['version']);
  });

  it('keeps the validity rule', () => {
    const result = validate(BulletinUpdateSchema, { ...input, version: 1, validUntil: '2026-01-01' });
    expect(fieldsOf(result)).toEqual(['validUntil']);
  });
});

describe('LogQuerySchema', () => {
  it('defaults the page size and parses numbers', () => {
    expect(validate(LogQuerySchema, {})).toEqual({ ok: true, value: { limit: 100 } });
    expect(validate(LogQuerySchema, { limit: '20', verification: 'verified' })).toEqual({
      ok: true,
      value: { limit: 20, verification: 'verified' },
    });
  });

  it('refuses a period ending before it starts, bad limits and unknown parameters', () => {
    expect(fieldsOf(validate(LogQuerySchema, { from: '2026-11-02', to: '2026-11-01' }))).toEqual(['to']);
    expect(fieldsOf(validate(LogQuerySchema, { limit: '0' }))).toEqual(['limit']);
    expect(fieldsOf(validate(LogQuerySchema, { limit: '501' }))).toEqual(['limit']);
    expect(fieldsOf(validate(LogQuerySchema, { page: '2' }))).toEqual(['page']);
    expect(fieldsOf(validate(LogQuerySchema, { before: 'not a cursor!' }))).toEqual(['before']);
  });
});
