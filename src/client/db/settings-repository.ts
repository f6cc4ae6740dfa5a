/**
 * The device's own settings: the unit it serves and the languages the operator added. Policy: both live in meta
 * (keys deviceUnitId and addedLanguages) and only change when the operator changes them in More. Until device
 * enrolment binds a device to its unit (a later issue), the operator picks the unit among the pulled units; a
 * chosen unit the device no longer holds counts as none, so the reader falls back to the bulletin's target units.
 *
 * Logging settings live in meta too (operatorName, defaultChannel, broadcastSlots, remindersEnabled), set in
 * More. Each key is absent until the operator sets it, so defaults can follow the device: the default channel
 * follows the unit's level (a team logs from its vehicle) until the operator picks one.
 */
import { compareVietnamese } from '../../domain/fold.ts';
import { normalizeSlots } from '../../domain/broadcast-slots.ts';
import { LANGUAGE_CODES, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import { defaultChannelOf, MAX_OPERATOR } from '../../domain/log-form.ts';
import type { Channel } from '../../domain/schemas/broadcast-log.ts';
import { UNIT_LEVELS, type Unit } from '../../domain/schemas/unit.ts';
import type { LoaxaDb } from './database.ts';
import { getMeta, setMeta } from './meta-repository.ts';

/** The unit this device serves (undefined while none is chosen) and the languages added on it. */
export interface DeviceSettings {
  unit: Unit | undefined;
  /** In registry order, Vietnamese never among them (it is always offered). */
  addedLanguages: LanguageCode[];
  /** Written into every log drafted on this device; '' until the operator sets it. */
  operatorName: string;
  /** The channel new logs start with: the operator's choice, else the unit level's (defaultChannelOf). */
  defaultChannel: Channel;
  /** Daily broadcast times, HH:mm, earliest first. */
  broadcastSlots: string[];
  remindersEnabled: boolean;
}

/** The broadcast times of a station that has not set its own: morning and late afternoon. */
export const DEFAULT_BROADCAST_SLOTS: readonly string[] = ['06:00', '17:00'];

/** Most broadcast times a day the settings hold. */
export const MAX_BROADCAST_SLOTS = 8;

/** A unit in the picker, with its depth in the tree for indentation. */
export interface UnitChoice {
  unit: Unit;
  depth: number;
}

/** Reads the settings; joins the caller's transaction (which must include units and meta). */
export async function readDeviceSettings(db: LoaxaDb): Promise<DeviceSettings> {
  const [unitId, added, operatorName, channel, slots, reminders] = await Promise.all([
    getMeta(db, 'deviceUnitId'),
    getMeta(db, 'addedLanguages'),
    getMeta(db, 'operatorName'),
    getMeta(db, 'defaultChannel'),
    getMeta(db, 'broadcastSlots'),
    getMeta(db, 'remindersEnabled'),
  ]);
  const unit = unitId === undefined ? undefined : await db.units.get(unitId);
  const wanted = new Set(added ?? []);
  return {
    unit,
    addedLanguages: LANGUAGE_CODES.filter((c) => c !== VIETNAMESE && wanted.has(c)),
    operatorName: operatorName ?? '',
    defaultChannel: channel ?? defaultChannelOf(unit?.level),
    broadcastSlots: slots ?? [...DEFAULT_BROADCAST_SLOTS],
    remindersEnabled: reminders ?? false,
  };
}

/** The device's settings, read in one transaction. */
export async function getDeviceSettings(db: LoaxaDb): Promise<DeviceSettings> {
  return db.transaction('r', [db.units, db.meta], () => readDeviceSettings(db));
}

/** Chooses the unit this device serves, or none (null). Throws when the unit is not on the device. */
export async function setDeviceUnit(db: LoaxaDb, unitId: string | null): Promise<void> {
  await db.transaction('rw', [db.units, db.meta], async () => {
    if (unitId === null) {
      await db.meta.delete('deviceUnitId');
      return;
    }
    if (!(await db.units.get(unitId))) throw new Error(`unit ${unitId} is not on this device`);
    await setMeta(db, 'deviceUnitId', unitId);
  });
}

/** Replaces the languages added on this device; duplicates and Vietnamese are dropped, order is the registry's. */
export async function setAddedLanguages(db: LoaxaDb, languages: readonly LanguageCode[]): Promise<void> {
  const wanted = new Set(languages);
  await setMeta(
    db,
    'addedLanguages',
    LANGUAGE_CODES.filter((c) => c !== VIETNAMESE && wanted.has(c)),
  );
}

/** Sets the operator name logs are drafted with (trimmed; at most MAX_OPERATOR characters); '' clears it. */
export async function setOperatorName(db: LoaxaDb, name: string): Promise<void> {
  const clean = name.trim();
  if (clean.length > MAX_OPERATOR) throw new RangeError(`operator name longer than ${MAX_OPERATOR}`);
  if (clean === '') await db.meta.delete('operatorName');
  else await setMeta(db, 'operatorName', clean);
}

/** Sets the channel new logs start with. */
export async function setDefaultChannel(db: LoaxaDb, channel: Channel): Promise<void> {
  await setMeta(db, 'defaultChannel', channel);
}

/**
 * Sets the daily broadcast times: kept once each, earliest first; an empty list is allowed (no fixed times).
 * Throws when a time is not HH:mm or there are more than MAX_BROADCAST_SLOTS.
 */
export async function setBroadcastSlots(db: LoaxaDb, times: readonly string[]): Promise<void> {
  const slots = normalizeSlots(times);
  if (slots.length !== new Set(times).size) throw new RangeError('a broadcast time is not HH:mm');
  if (slots.length > MAX_BROADCAST_SLOTS)
    throw new RangeError(`more than ${MAX_BROADCAST_SLOTS} broadcast times`);
  await setMeta(db, 'broadcastSlots', slots);
}

/** Turns the reminders before broadcast times on or off. */
export async function setRemindersEnabled(db: LoaxaDb, enabled: boolean): Promise<void> {
  await setMeta(db, 'remindersEnabled', enabled);
}

/** The languages this device offers beside Vietnamese: its unit's, then the added ones, in registry order. */
export function deviceLanguages(settings: DeviceSettings): LanguageCode[] {
  const wanted = new Set([...(settings.unit?.languages ?? []), ...settings.addedLanguages]);
  return LANGUAGE_CODES.filter((c) => c !== VIETNAMESE && wanted.has(c));
}

/**
 * Every unit on the device in tree order (each unit followed by the units under it), siblings by level and then
 * by name in Vietnamese order; a unit whose parent is not on the device starts a tree of its own.
 */
export async function listUnitChoices(db: LoaxaDb): Promise<UnitChoice[]> {
  const units = await db.units.toArray();
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const bySiblingOrder = (a: Unit, b: Unit) =>
    UNIT_LEVELS.indexOf(a.level) - UNIT_LEVELS.indexOf(b.level) || compareVietnamese(a.name, b.name);
  const choices: UnitChoice[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort(bySiblingOrder)) {
      choices.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  // Units in a parent loop are reached from no root; they are still offered rather than hidden.
  const listed = new Set(choices.map((c) => c.unit.id));
  for (const unit of units.filter((u) => !listed.has(u.id)).sort(bySiblingOrder))
    choices.push({ unit, depth: 0 });
  return choices;
}
