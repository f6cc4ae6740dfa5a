/**
 * Coverage of policy communication over a report period: what the dashboard shows and the report tabulates.
 * The rules, in one place:
 *
 * - Broadcasts are counted from "airing facts": counted logs (a corrected log is replaced by its correction,
 *   see supersede in airing.ts) grouped by unit, bulletin, Vietnam calendar day, channel and language. The
 *   server computes the same facts in SQL for large periods; airingFactsOf is the reference it is tested against.
 * - A broadcast is a complete airing (completion.ts). A partial airing, cut short inside its first pass, adds its
 *   time on air to the minutes and is counted apart as partial, never as a broadcast or toward a requirement.
 * - A broadcast belongs to the period by the Vietnam calendar day it started on; the period's days are inclusive.
 * - Requirements: a published bulletin with an airing requirement ("3 times a week") binds every commune it
 *   targets, directly or through an ancestor, and every team it targets directly. Districts and provinces air
 *   nothing themselves. A withdrawn bulletin binds nobody (its broadcasts still count as broadcasts).
 * - Within the period, each requirement period (airing.ts periodOf) inside the bulletin's active days asks for
 *   `times` airings; a requirement period cut by the report period or the bulletin's dates asks for its share,
 *   rounded up. Only verified broadcasts meet a requirement, at most `times` in each period: airing a bulletin
 *   ten times on Monday does not make up for the rest of the week.
 * - Nothing is required of days still to come: given `asOf` (today in Vietnam), requirements stop there, so
 *   "this year" on 25 November asks for what was due until 25 November, the running period for its share.
 * - A unit's figures include every unit below it, by the tree as it is now: a commune moved to another district
 *   takes its figures with it.
 */
import { periodOf, supersede, VIETNAM_TIME_ZONE } from './airing.ts';
import { isCompleteAiring } from './completion.ts';
import { DAY_MS, addDays, isoDateOf } from './dates.ts';
import { compareVietnamese } from './fold.ts';
import { VIETNAMESE, type LanguageCode } from './languages.ts';
import { CHANNELS, type BroadcastLog, type Channel, type Verification } from './schemas/broadcast-log.ts';
import type { Bulletin, Topic } from './schemas/bulletin.ts';
import type { Unit } from './schemas/unit.ts';

/** A report period as Vietnam calendar days, both included (yyyy-mm-dd). */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** Longest period a dashboard or report covers: two years, so a plan's two-year review fits. */
export const MAX_PERIOD_DAYS = 731;

/** Whether a period's days run forward. */
export function periodInOrder(period: ReportPeriod): boolean {
  return period.from <= period.to;
}

/** Whether a period fits MAX_PERIOD_DAYS (a reversed one is left to periodInOrder to refuse). */
export function periodWithinMaximum(period: ReportPeriod): boolean {
  return period.from > period.to || addDays(period.from, MAX_PERIOD_DAYS - 1) >= period.to;
}

/** Whether a period is one dashboards and reports accept: in order and at most MAX_PERIOD_DAYS. */
export function periodAccepted(period: ReportPeriod): boolean {
  return periodInOrder(period) && periodWithinMaximum(period);
}

/** The messages of the two period checks, for the schemas that apply them. */
export const PERIOD_ORDER_MESSAGE = 'to must not be before from';
export const PERIOD_MAXIMUM_MESSAGE = `a period covers at most ${MAX_PERIOD_DAYS} days`;

/** Counted broadcasts of one unit, bulletin, day, channel and language. */
export interface AiringFact {
  unitId: string;
  /** Null for broadcasts tied to no bulletin (live readings, relays). */
  bulletinId: string | null;
  /** The Vietnam calendar day the broadcasts started on (yyyy-mm-dd). */
  day: string;
  channel: Channel;
  lang: LanguageCode;
  /** Complete airings. */
  broadcasts: number;
  /** Partial airings (cut short inside the first pass): counted apart, in time on air only. */
  partial: number;
  /** Time on air, summed over the complete and the partial airings. */
  seconds: number;
  /** How many of the complete airings the server verified. */
  verified: number;
}

/** The fields of a received log that facts are made of. */
export type FactLog = Pick<
  BroadcastLog,
  | 'id'
  | 'unitId'
  | 'bulletinId'
  | 'startedAt'
  | 'endedAt'
  | 'channel'
  | 'lang'
  | 'correctsLogId'
  | 'repeats'
  | 'completion'
> & { verification: Verification };

/** The fields of a unit coverage reads. */
export type CoverageUnit = Pick<Unit, 'id' | 'parentId' | 'level' | 'name'>;

/** The fields of a bulletin coverage reads. */
export type CoverageBulletin = Pick<
  Bulletin,
  'id' | 'status' | 'topic' | 'airing' | 'validFrom' | 'validUntil' | 'targetUnitIds'
>;

/** Complete airings and time on air (partial airings included in the time). */
export interface Tally {
  broadcasts: number;
  /** Whole minutes, rounded to the nearest, as reports give them. */
  minutes: number;
}

/** The figures of one unit (its own and those of the units below it). */
export interface UnitFigures extends Tally {
  /** Airings asked for by the requirements binding the unit in the period. */
  required: number;
  /** Verified airings that met them (at most the number asked for in each requirement period). */
  aired: number;
  /** aired / required, from 0 to 1; null when nothing was required. */
  compliance: number | null;
  /** Bulletin × station pairs with a requirement in the period, and how many of them were met in full. */
  requirements: number;
  requirementsMet: number;
  verified: number;
  /** Partial airings: in the minutes, not in the broadcasts. */
  partial: number;
  /** Broadcasts in an ethnic-minority language. */
  minorityBroadcasts: number;
}

/** A unit's row in the dashboard and the report. */
export interface UnitCoverage extends UnitFigures {
  unitId: string;
  name: string;
  level: Unit['level'];
  /** 0 for the root unit of the coverage, 1 for its children… */
  depth: number;
}

/** Everything the dashboard and the report show about a unit's subtree in a period. */
export interface Coverage {
  period: ReportPeriod;
  /** The subtree in tree order (depth first, children by Vietnamese name); the first row is the root. */
  units: UnitCoverage[];
  totals: UnitFigures;
  /** Every channel, in the order of CHANNELS. */
  byChannel: (Tally & { channel: Channel })[];
  /** Languages with broadcasts, most broadcasts first. */
  byLanguage: (Tally & { lang: LanguageCode })[];
  /** Every month the period touches (yyyy-mm), in order. */
  byMonth: (Tally & { month: string })[];
  /** Topics with broadcasts, most first; null for broadcasts tied to no bulletin. */
  byTopic: (Tally & { topic: Topic | null })[];
  /** Share of broadcasts in an ethnic-minority language, from 0 to 1; null when there were none. */
  minorityShare: number | null;
}

/** Groups the logs that count (corrections replace what they correct) into facts, keeping the period's days. */
export function airingFactsOf(
  logs: readonly FactLog[],
  period: ReportPeriod,
  timeZone: string = VIETNAM_TIME_ZONE,
): AiringFact[] {
  const facts = new Map<string, AiringFact>();
  for (const log of supersede(logs)) {
    const day = isoDateOf(new Date(log.startedAt), timeZone);
    if (day < period.from || day > period.to) continue;
    const key = `${log.unitId}|${log.bulletinId ?? ''}|${day}|${log.channel}|${log.lang}`;
    let fact = facts.get(key);
    if (!fact) {
      fact = {
        unitId: log.unitId,
        bulletinId: log.bulletinId,
        day,
        channel: log.channel,
        lang: log.lang,
        broadcasts: 0,
        partial: 0,
        seconds: 0,
        verified: 0,
      };
      facts.set(key, fact);
    }
    fact.seconds += Math.max(0, Date.parse(log.endedAt) - Date.parse(log.startedAt)) / 1000;
    if (!isCompleteAiring(log)) {
      fact.partial += 1;
      continue;
    }
    fact.broadcasts += 1;
    if (log.verification === 'verified') fact.verified += 1;
  }
  return [...facts.values()];
}

function daysFrom(first: string, last: string): number {
  return Math.round((Date.parse(last) - Date.parse(first)) / DAY_MS) + 1;
}

/**
 * A bulletin's airing requirement over the period, cut into its airing periods (the last ones cut by the period
 * or the bulletin's end get their share). It is the same for every station the bulletin binds, so it is worked
 * out once per bulletin and each station's verified airings are then counted against it.
 */
interface Requirement {
  /** Broadcasts asked in all, at each station. */
  required: number;
  /** Daily requirements (perDays 1): every day of [from, to] asks `times`, and no window list is needed. */
  daily: { from: string; to: string; times: number } | null;
  /** The airing periods otherwise, in order: their first and last counted day and what each asks. */
  windows: { first: string; last: string; asked: number }[];
}

function requirementOf(bulletin: CoverageBulletin, period: ReportPeriod): Requirement | null {
  const airing = bulletin.airing;
  if (!airing) return null;
  const lastDue = airing.untilDate ?? bulletin.validUntil ?? period.to;
  const from = bulletin.validFrom > period.from ? bulletin.validFrom : period.from;
  const to = lastDue < period.to ? lastDue : period.to;
  if (from > to) return null;
  if (airing.perDays === 1)
    return {
      required: airing.times * daysFrom(from, to),
      daily: { from, to, times: airing.times },
      windows: [],
    };
  const windows: Requirement['windows'] = [];
  let required = 0;
  for (let day = from; day <= to;) {
    const window = periodOf(day, airing.perDays, bulletin.validFrom);
    const lastOfWindow = addDays(window.next, -1);
    const last = lastOfWindow < to ? lastOfWindow : to;
    const asked = Math.ceil((airing.times * daysFrom(day, last)) / daysFrom(window.first, lastOfWindow));
    windows.push({ first: day, last, asked });
    required += asked;
    day = window.next;
  }
  return { required, daily: null, windows };
}

/** The verified airings of one station that meet `requirement`, each period's capped at what it asks. */
function airedAgainst(
  requirement: Requirement,
  verifiedByDay: ReadonlyMap<string, number> | undefined,
): number {
  if (verifiedByDay === undefined) return 0;
  let aired = 0;
  const { daily } = requirement;
  if (daily) {
    for (const [day, done] of verifiedByDay)
      if (day >= daily.from && day <= daily.to) aired += Math.min(done, daily.times);
    return aired;
  }
  // The verified days in order, read once with a cursor as the periods advance, rather than a walk over every
  // day of every period.
  const verifiedDays = [...verifiedByDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let next = 0;
  for (const { first, last, asked } of requirement.windows) {
    while (next < verifiedDays.length && verifiedDays[next]![0] < first) next += 1;
    let done = 0;
    for (; next < verifiedDays.length && verifiedDays[next]![0] <= last; next += 1)
      done += verifiedDays[next]![1];
    aired += Math.min(done, asked);
  }
  return aired;
}

function emptyFigures(): UnitFigures & { seconds: number } {
  return {
    broadcasts: 0,
    minutes: 0,
    seconds: 0,
    required: 0,
    aired: 0,
    compliance: null,
    requirements: 0,
    requirementsMet: 0,
    verified: 0,
    partial: 0,
    minorityBroadcasts: 0,
  };
}

/** Adds to a keyed tally. */
function tallyInto<K>(
  tallies: Map<K, { broadcasts: number; seconds: number }>,
  key: K,
  fact: AiringFact,
): void {
  const tally = tallies.get(key) ?? { broadcasts: 0, seconds: 0 };
  tally.broadcasts += fact.broadcasts;
  tally.seconds += fact.seconds;
  tallies.set(key, tally);
}

function toTally(tally: { broadcasts: number; seconds: number } | undefined): Tally {
  return { broadcasts: tally?.broadcasts ?? 0, minutes: Math.round((tally?.seconds ?? 0) / 60) };
}

/** The months (yyyy-mm) a period touches, in order. */
export function monthsOf(period: ReportPeriod): string[] {
  const months: string[] = [];
  for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7);) {
    months.push(month);
    month = addDays(`${month}-28`, 4).slice(0, 7);
  }
  return months;
}

/**
 * The coverage of `rootUnitId`'s subtree over the period, by the rules in the module comment. `units` must hold
 * the subtree and the root's ancestors (a bulletin targeted at the province binds its communes); `facts` the
 * airing facts of the period (others are ignored); `bulletins` every bulletin the facts name and every bulletin
 * that may bind a unit of the subtree.
 */
export function computeCoverage(input: {
  rootUnitId: string;
  units: readonly CoverageUnit[];
  bulletins: readonly CoverageBulletin[];
  facts: readonly AiringFact[];
  period: ReportPeriod;
  /** The last day requirements count (today, yyyy-mm-dd in Vietnam); the period's end when absent. */
  asOf?: string;
}): Coverage {
  const { rootUnitId, period } = input;
  const due: ReportPeriod = {
    from: period.from,
    to: input.asOf !== undefined && input.asOf < period.to ? input.asOf : period.to,
  };
  const byId = new Map(input.units.map((unit) => [unit.id, unit]));
  const children = new Map<string, CoverageUnit[]>();
  for (const unit of input.units) {
    if (unit.parentId === null || unit.id === rootUnitId) continue;
    children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  }
  const ordered: { unit: CoverageUnit; depth: number }[] = [];
  const visit = (unit: CoverageUnit, depth: number): void => {
    ordered.push({ unit, depth });
    const below = [...(children.get(unit.id) ?? [])].sort((a, b) => compareVietnamese(a.name, b.name));
    for (const child of below) visit(child, depth + 1);
  };
  const root = byId.get(rootUnitId);
  if (root) visit(root, 0);
  const inTree = new Set(ordered.map(({ unit }) => unit.id));
  const figures = new Map(ordered.map(({ unit }) => [unit.id, emptyFigures()]));
  const chains = new Map<string, (UnitFigures & { seconds: number })[]>();
  /** The unit and its ancestors up to the root: where a figure of the unit is added (kept: facts repeat units). */
  const upwards = (unitId: string): (UnitFigures & { seconds: number })[] => {
    const kept = chains.get(unitId);
    if (kept) return kept;
    const chain: (UnitFigures & { seconds: number })[] = [];
    for (let at: string | null | undefined = unitId; at != null && inTree.has(at);) {
      const entry = figures.get(at);
      if (entry) chain.push(entry);
      at = at === rootUnitId ? null : byId.get(at)?.parentId;
    }
    chains.set(unitId, chain);
    return chain;
  };

  // Verified broadcasts by bulletin, station and day; nested maps rather than joined keys, built per fact.
  const verifiedByBulletin = new Map<string, Map<string, Map<string, number>>>();
  const bulletinById = new Map(input.bulletins.map((b) => [b.id, b]));
  const channelTallies = new Map<Channel, { broadcasts: number; seconds: number }>();
  const languageTallies = new Map<LanguageCode, { broadcasts: number; seconds: number }>();
  const monthTallies = new Map<string, { broadcasts: number; seconds: number }>();
  const topicTallies = new Map<Topic | null, { broadcasts: number; seconds: number }>();
  for (const fact of input.facts) {
    if (!inTree.has(fact.unitId) || fact.day < period.from || fact.day > period.to) continue;
    for (const entry of upwards(fact.unitId)) {
      entry.broadcasts += fact.broadcasts;
      entry.seconds += fact.seconds;
      entry.verified += fact.verified;
      entry.partial += fact.partial;
      if (fact.lang !== VIETNAMESE) entry.minorityBroadcasts += fact.broadcasts;
    }
    tallyInto(channelTallies, fact.channel, fact);
    tallyInto(languageTallies, fact.lang, fact);
    tallyInto(monthTallies, fact.day.slice(0, 7), fact);
    const topic = fact.bulletinId === null ? null : (bulletinById.get(fact.bulletinId)?.topic ?? 'other');
    tallyInto(topicTallies, topic, fact);
    if (fact.bulletinId !== null && fact.verified > 0) {
      let stations = verifiedByBulletin.get(fact.bulletinId);
      if (!stations) verifiedByBulletin.set(fact.bulletinId, (stations = new Map()));
      let days = stations.get(fact.unitId);
      if (!days) stations.set(fact.unitId, (days = new Map()));
      days.set(fact.day, (days.get(fact.day) ?? 0) + fact.verified);
    }
  }

  for (const bulletin of input.bulletins) {
    if (bulletin.status !== 'published') continue;
    const requirement = requirementOf(bulletin, due);
    if (requirement === null || requirement.required === 0) continue;
    const { required } = requirement;
    const targets = new Set(bulletin.targetUnitIds);
    for (const { unit } of ordered) {
      const bound =
        (unit.level === 'team' && targets.has(unit.id)) ||
        (unit.level === 'commune' && (targets.has(unit.id) || hasTargetedAncestor(unit, targets, byId)));
      if (!bound) continue;
      const aired = airedAgainst(requirement, verifiedByBulletin.get(bulletin.id)?.get(unit.id));
      for (const entry of upwards(unit.id)) {
        entry.required += required;
        entry.aired += aired;
        entry.requirements += 1;
        if (aired >= required) entry.requirementsMet += 1;
      }
    }
  }

  const finish = (entry: UnitFigures & { seconds: number }): UnitFigures => {
    const { seconds, ...rest } = entry;
    return {
      ...rest,
      minutes: Math.round(seconds / 60),
      compliance: entry.required === 0 ? null : entry.aired / entry.required,
    };
  };
  const units = ordered.map(({ unit, depth }) => ({
    unitId: unit.id,
    name: unit.name,
    level: unit.level,
    depth,
    ...finish(figures.get(unit.id) ?? emptyFigures()),
  }));
  const totals = finish(figures.get(rootUnitId) ?? emptyFigures());
  const mostFirst = <T extends Tally>(a: T, b: T) => b.broadcasts - a.broadcasts || b.minutes - a.minutes;
  return {
    period,
    units,
    totals,
    byChannel: CHANNELS.map((channel) => ({ channel, ...toTally(channelTallies.get(channel)) })),
    byLanguage: [...languageTallies].map(([lang, t]) => ({ lang, ...toTally(t) })).sort(mostFirst),
    byMonth: monthsOf(period).map((month) => ({ month, ...toTally(monthTallies.get(month)) })),
    byTopic: [...topicTallies].map(([topic, t]) => ({ topic, ...toTally(t) })).sort(mostFirst),
    minorityShare: totals.broadcasts === 0 ? null : totals.minorityBroadcasts / totals.broadcasts,
  };
}

function hasTargetedAncestor(
  unit: CoverageUnit,
  targets: ReadonlySet<string>,
  byId: ReadonlyMap<string, CoverageUnit>,
): boolean {
  const seen = new Set<string>();
  for (let at = unit.parentId; at !== null && !seen.has(at); at = byId.get(at)?.parentId ?? null) {
    if (targets.has(at)) return true;
    seen.add(at);
  }
  return false;
}
