import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { validityOn } from '../../src/domain/bulletin-listing.ts';
import { BulletinSchema, TOPICS } from '../../src/domain/schemas/bulletin.ts';
import { UnitSchema } from '../../src/domain/schemas/unit.ts';
import { DEMO_BULLETINS } from '../../src/server/demo/demo-bulletins.ts';
import { DEMO_UNITS } from '../../src/server/demo/demo-units.ts';

/** The demo's "today": validity is judged as of this date. */
const TODAY = '2026-11-25';

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
  it('each parses unchanged with BulletinSchema', () => {
    for (const bulletin of DEMO_BULLETINS) {
      const result = v.safeParse(BulletinSchema, bulletin);
      expect(result.issues, bulletin.title).toBeUndefined();
      expect(result.output).toEqual(bulletin);
    }
  });

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

  it('give the validity filter and urgency ordering something to show', () => {
    expect(DEMO_BULLETINS.length).toBeGreaterThanOrEqual(20);
    const urgent = DEMO_BULLETINS.filter((b) => b.urgency === 'urgent');
    expect(urgent.length).toBeGreaterThanOrEqual(3);
    const expired = DEMO_BULLETINS.filter((b) => validityOn(b, TODAY) === 'expired');
    expect(expired.length).toBeGreaterThanOrEqual(2);
    const validNow = DEMO_BULLETINS.filter((b) => validityOn(b, TODAY) === 'current');
    expect(validNow.length).toBeGreaterThan(DEMO_BULLETINS.length / 2);
    expect(validNow.some((b) => b.urgency === 'urgent')).toBe(true);
  });

  it('cover every topic', () => {
    const topics = new Set(DEMO_BULLETINS.map((b) => b.topic));
    for (const topic of TOPICS) {
      expect(topics.has(topic), topic).toBe(true);
    }
  });
});
