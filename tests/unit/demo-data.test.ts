import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { validityOn } from '../../src/domain/bulletin-listing.ts';
import { DAY_MS, addDays, isoDateOf } from '../../src/domain/dates.ts';
import { BulletinSchema, TOPICS, type Bulletin } from '../../src/domain/schemas/bulletin.ts';
import { UnitSchema } from '../../src/domain/schemas/unit.ts';
import { demoBulletins } from '../../src/server/demo/demo-bulletins.ts';
import { DEMO_UNITS } from '../../src/server/demo/demo-units.ts';

/** The demo's "today": the day it is seeded, as a server seeding now does; validity is judged as of it. */
const TODAY = isoDateOf(new Date(), VIETNAM_TIME_ZONE);
const DEMO_BULLETINS = demoBulletins(TODAY);

/** The day the demo was first written for: seeded on it, the demo reads exactly as authored. */
const AUTHORED_DAY = '2026-11-25';

/** Seed days across month, year and leap-day boundaries, today among them. */
const SEED_DAYS = [
  TODAY,
  AUTHORED_DAY,
  '2026-12-11',
  '2027-01-16',
  '2027-02-10',
  '2027-12-07',
  '2027-12-30',
  '2028-02-29',
  '2029-01-03',
  '2035-06-15',
];

/** Years of real laws, decisions and programmes the texts cite: fixed whatever the seed day. */
const REAL_YEARS = new Set([2014, 2016, 2018, 2020, 2021, 2022, 2023, 2024, 2025, 2030]);

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe('demo units', () => {
  it('each parses unchanged with UnitSchema', () => {
    for (const unit of DEMO_UNITS) {
      const result = v.safeParse(UnitSchema, unit);
      expect(result.issues, unit.name).toBeUndefined();
      expect(result.output).toEqual(unit);
    }
  });

  it('have unique ids and codes', () => {
    expect(new Set(DEMO_UNITS.map((u) => u.id)).size).toBe(DEMO_UNITS.length);
    const codes = DEMO_UNITS.flatMap((u) => (u.code === null ? [] : [u.code]));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('form one tree with a single province at the root', () => {
    const byId = new Map(DEMO_UNITS.map((u) => [u.id, u]));
    const roots = DEMO_UNITS.filter((u) => u.parentId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.level).toBe('province');
    for (const unit of DEMO_UNITS) {
      // Walk up to the root; a cycle would run past the number of units.
      let current = unit;
      for (let steps = 0; current.parentId !== null; steps++) {
        expect(steps).toBeLessThan(DEMO_UNITS.length);
        const parent = byId.get(current.parentId);
        expect(parent, `parent of ${current.name}`).toBeDefined();
        if (parent === undefined) break;
        current = parent;
      }
      expect(current.id).toBe(roots[0]?.id);
    }
  });

  it('have the expected shape: one district, six communes, one team', () => {
    const count = (level: string) => DEMO_UNITS.filter((u) => u.level === level).length;
    expect(count('district')).toBe(1);
    expect(count('commune')).toBe(6);
    expect(count('team')).toBe(1);
    for (const unit of DEMO_UNITS) {
      expect(unit.languages[0], unit.name).toBe('vie');
      expect(new Set(unit.languages).size).toBe(unit.languages.length);
      expect(unit.code === null).toBe(unit.level === 'team');
      if (unit.level === 'province') expect(unit.code).toMatch(/^\d{2}$/);
      if (unit.level === 'district') expect(unit.code).toMatch(/^\d{3}$/);
      if (unit.level === 'commune') expect(unit.code).toMatch(/^\d{5}$/);
    }
  });
});

describe('demo bulletins', () => {
  it('have ids unique among themselves and the units', () => {
    const ids = [...DEMO_BULLETINS.map((b) => b.id), ...DEMO_UNITS.map((u) => u.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(DEMO_BULLETINS.map((b) => b.title)).size).toBe(DEMO_BULLETINS.length);
  });

  it('target existing units', () => {
    const unitIds = new Set(DEMO_UNITS.map((u) => u.id));
    for (const bulletin of DEMO_BULLETINS) {
      for (const target of bulletin.targetUnitIds) expect(unitIds.has(target), bulletin.title).toBe(true);
      expect(new Set(bulletin.targetUnitIds).size).toBe(bulletin.targetUnitIds.length);
    }
  });

  it('are published plain-text bulletins of 120–350 words in 2–5 paragraphs', () => {
    for (const bulletin of DEMO_BULLETINS) {
      expect(bulletin.status).toBe('published');
      expect(bulletin.version).toBe(1);
      expect(bulletin.rev).toBe(0);
      expect(bulletin.body, bulletin.title).not.toMatch(/[<>*#_`]/);
      const paragraphs = bulletin.body.split('\n\n');
      expect(paragraphs.length, bulletin.title).toBeGreaterThanOrEqual(2);
      expect(paragraphs.length, bulletin.title).toBeLessThanOrEqual(5);
      for (const p of paragraphs) expect(p, bulletin.title).toBe(p.trim());
      expect(words(bulletin.body), bulletin.title).toBeGreaterThanOrEqual(120);
      expect(words(bulletin.body), bulletin.title).toBeLessThanOrEqual(350);
      expect(bulletin.summary.length, bulletin.title).toBeGreaterThan(0);
      if (bulletin.airing?.untilDate) expect(bulletin.airing.untilDate >= bulletin.validFrom).toBe(true);
    }
  });

  it('cover every topic', () => {
    const topics = new Set(DEMO_BULLETINS.map((b) => b.topic));
    for (const topic of TOPICS) {
      expect(topics.has(topic), topic).toBe(true);
    }
  });
});

/** The texts of a bulletin a listener or reader meets. */
function textsOf(bulletin: Bulletin): string[] {
  return [bulletin.title, bulletin.summary, bulletin.body, bulletin.policyRef ?? ''];
}

/** A span of days in numbers: "14 đến hết ngày 17/10/2026", "15/11 đến 20/12/2026", "30/12/2026 đến …". */
const NUMERIC_SPAN =
  /\b(\d{2})(?:\/(\d{2})(?:\/(\d{4}))?)? (?:đến hết ngày|đến) (\d{2})\/(\d{2})\/(\d{4})\b/g;
/** A span of days in words: "26 đến hết ngày 27 tháng 11", "10 tháng 11 đến ngày 10 tháng 12 năm 2026". */
const WORDS_SPAN =
  /\b(\d{2})(?: tháng (\d{1,2}))?(?: năm (\d{4}))? (?:đến hết ngày|đến ngày) (\d{2}) tháng (\d{1,2})(?: năm (\d{4}))?/g;
/** One day in numbers: "26/11", "17/10/2026" (not "12/2026" nor "104/2016/QH13"). */
const NUMERIC_DAY = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\d/])/g;
/** One day in words: "ngày 25 tháng 11", "ngày 15 tháng 11 năm 2026" (not "ngày 01 tháng 01 của năm"). */
const WORDS_DAY = /ngày (\d{1,2}) tháng (\d{1,2})(?!\d)(?! của)(?: năm (\d{4}))?/g;

/**
 * The calendar days a bulletin's texts name, spans first: a day of a year before 2026 (a real law's) as
 * itself, any other as a day count from the seed day, a day written without its year taken in the year that
 * puts it nearest the seed day.
 */
function daysNamed(bulletin: Bulletin, seedDay: string): (number | string)[] {
  const seed = Date.parse(seedDay);
  const seedYear = Number(seedDay.slice(0, 4));
  const named = (day: number, month: number, year: number | undefined): number | string => {
    const at = (y: number) => Date.UTC(y, month - 1, day);
    if (year !== undefined && year < 2026) return new Date(at(year)).toISOString().slice(0, 10);
    const years = year === undefined ? [seedYear - 1, seedYear, seedYear + 1] : [year];
    const nearest = years
      .map(at)
      .reduce((best, t) => (Math.abs(t - seed) < Math.abs(best - seed) ? t : best));
    return Math.round((nearest - seed) / DAY_MS);
  };
  const num = (n: string | undefined) => (n === undefined ? undefined : Number(n));
  const days: (number | string)[] = [];
  for (let text of textsOf(bulletin)) {
    for (const span of [NUMERIC_SPAN, WORDS_SPAN]) {
      text = text.replace(span, (...m: string[]) => {
        const [d1, m1, y1, d2, m2, y2] = m.slice(1, 7).map(num);
        const month1 = m1 ?? m2!;
        // A start written without its year shares the end's, unless its month comes later (the year before).
        const year1 = y1 ?? (y2 === undefined ? undefined : month1 > m2! ? y2 - 1 : y2);
        days.push(named(d1!, month1, year1), named(d2!, m2!, y2));
        return '…';
      });
    }
    for (const single of [NUMERIC_DAY, WORDS_DAY]) {
      for (const m of text.matchAll(single)) days.push(named(Number(m[1]), Number(m[2]), num(m[3])));
    }
  }
  return days;
}

describe.each(SEED_DAYS)('demo bulletins seeded on %s', (seedDay) => {
  const bulletins = demoBulletins(seedDay);

  it('each parses unchanged with BulletinSchema and keeps its shape', () => {
    expect(bulletins.map((b) => b.id)).toEqual(DEMO_BULLETINS.map((b) => b.id));
    for (const bulletin of bulletins) {
      const result = v.safeParse(BulletinSchema, bulletin);
      expect(result.issues, bulletin.title).toBeUndefined();
      expect(result.output).toEqual(bulletin);
      expect(bulletin.body.split('\n\n').length, bulletin.title).toBeLessThanOrEqual(5);
      expect(words(bulletin.body), bulletin.title).toBeGreaterThanOrEqual(120);
      expect(words(bulletin.body), bulletin.title).toBeLessThanOrEqual(350);
      if (bulletin.airing?.untilDate) expect(bulletin.airing.untilDate >= bulletin.validFrom).toBe(true);
    }
  });

  it('shows current urgent bulletins, expired ones and mostly current ones on the seed day', () => {
    expect(bulletins.length).toBeGreaterThanOrEqual(20);
    const urgent = bulletins.filter((b) => b.urgency === 'urgent');
    expect(urgent.length).toBeGreaterThanOrEqual(3);
    const expired = bulletins.filter((b) => validityOn(b, seedDay) === 'expired');
    expect(expired.length).toBeGreaterThanOrEqual(2);
    const current = bulletins.filter((b) => validityOn(b, seedDay) === 'current');
    expect(current.length).toBeGreaterThan(bulletins.length / 2);
    expect(current.filter((b) => b.urgency === 'urgent').length).toBeGreaterThanOrEqual(2);
  });

  it('moves every date by the same number of days as the seed day', () => {
    /** Days from `from` to a date or timestamp's day; null and undefined as they are. */
    const daysFrom = (from: string, date: string | null | undefined) =>
      date == null ? date : Math.round((Date.parse(date.slice(0, 10)) - Date.parse(from)) / DAY_MS);
    const authored = demoBulletins(AUTHORED_DAY);
    bulletins.forEach((bulletin, i) => {
      const original = authored[i]!;
      for (const field of ['validFrom', 'validUntil', 'updatedAt'] as const) {
        expect(daysFrom(seedDay, bulletin[field]), `${field} of ${bulletin.title}`).toBe(
          daysFrom(AUTHORED_DAY, original[field]),
        );
      }
      expect(daysFrom(seedDay, bulletin.airing?.untilDate), bulletin.title).toBe(
        daysFrom(AUTHORED_DAY, original.airing?.untilDate),
      );
      expect(bulletin.updatedAt.slice(10), bulletin.title).toBe(original.updatedAt.slice(10));
    });
  });

  it('names in its texts the same days, counted from the seed day, as the authored demo', () => {
    const authored = demoBulletins(AUTHORED_DAY);
    bulletins.forEach((bulletin, i) => {
      expect(daysNamed(bulletin, seedDay), bulletin.title).toEqual(daysNamed(authored[i]!, AUTHORED_DAY));
    });
  });

  it('names no year but those of real laws and the years around the seed day', () => {
    const seedYear = Number(seedDay.slice(0, 4));
    for (const bulletin of bulletins) {
      for (const text of textsOf(bulletin)) {
        for (const m of text.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)) {
          const year = Number(m[0]);
          const near = year >= seedYear - 1 && year <= seedYear + 1;
          expect(near || REAL_YEARS.has(year), `${m[0]} in ${bulletin.title}`).toBe(true);
        }
      }
    }
  });

  it('dates the storm warning from the seed day', () => {
    const storm = bulletins[0]!;
    const [, month = 0, day = 0] = seedDay.split('-').map(Number);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(storm.validFrom).toBe(seedDay);
    expect(storm.urgency).toBe('urgent');
    expect(storm.body).toContain(`sáng nay, ngày ${two(day)} tháng ${month <= 2 ? two(month) : month},`);
    const tomorrow = addDays(seedDay, 1);
    expect(storm.summary).toContain(`từ đêm ${tomorrow.slice(8, 10)}/${tomorrow.slice(5, 7)},`);
  });
});

describe('demo bulletins seeded on the day they were written for', () => {
  it('read as authored', () => {
    const [storm, , , rain, drought] = demoBulletins(AUTHORED_DAY);
    expect(storm?.body).toContain('sáng nay, ngày 25 tháng 11,');
    expect(storm?.body).toContain('Từ đêm 26 đến hết ngày 27 tháng 11,');
    expect(rain?.summary).toContain('Từ đêm 14 đến hết ngày 17/10/2026 ');
    expect(drought?.title).toContain('mùa khô 2026 – 2027');
    expect(drought?.body).toContain('từ cuối tháng 12 năm 2026,');
    expect(drought?.body).toContain('các tháng 2, 3 và 4 năm 2027.');
  });

  it('write day spans across months and years in full', () => {
    const [storm, , , rain] = demoBulletins('2027-12-30');
    expect(storm?.body).toContain('Từ đêm 31 tháng 12 đến hết ngày 01 tháng 01,');
    expect(rain?.summary).toContain('Từ đêm 18 đến hết ngày 21/11/2027 ');
    const [, , , rainAcrossMonths] = demoBulletins('2026-12-11');
    expect(rainAcrossMonths?.summary).toContain('Từ đêm 30/10 đến hết ngày 02/11/2026 ');
    expect(rainAcrossMonths?.body).toContain('từ đêm 30 tháng 10 đến hết ngày 02 tháng 11 năm 2026,');
    const [, , , rainAcrossYears] = demoBulletins('2027-02-10');
    expect(rainAcrossYears?.summary).toContain('Từ đêm 30/12/2026 đến hết ngày 02/01/2027 ');
    expect(rainAcrossYears?.body).toContain('từ đêm 30 tháng 12 năm 2026 đến hết ngày 02 tháng 01 năm 2027,');
  });

  it('refuse a seed day that is not a yyyy-mm-dd date', () => {
    expect(() => demoBulletins('2026-02-30')).toThrow(RangeError);
    expect(() => demoBulletins('25/11/2026')).toThrow(RangeError);
  });
});
