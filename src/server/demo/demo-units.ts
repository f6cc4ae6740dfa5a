/**
 * Demo administrative tree for LoaXa. FICTIONAL DATA: "Tỉnh Hòa Giang" and "Huyện Thanh Lâm" do not exist, and
 * the codes only look like official mã đơn vị hành chính (any match with a real unit is a coincidence).
 *
 * No real district holds both a H'Mông mountain commune and a Khmer coastal commune; this one does on purpose,
 * so a single demo shows every kind of station the app serves: northern uplands (H'Mông, Thái, Tày, Nùng,
 * Mường), the Central Highlands (Ê Đê, Gia Rai), the Mekong coast (Khmer) and a Kinh lowland commune.
 * The commune names follow real naming patterns. The tree keeps the three-level shape
 * (province → district → commune) with the district's information-vehicle team under the district.
 */
import type { Unit } from '../../domain/schemas/unit.ts';

/** Ids of the demo units, for bulletins, users and devices that point at them. */
export const DEMO_UNIT_IDS = {
  province: 'e54ae762-750a-41d7-9e5a-d614ec3abffb',
  district: 'c5f4be4a-9e57-470b-b0fa-7bb1eba483a8',
  taPhin: 'c774c551-9120-42c6-a894-a8a9e146b4da',
  vinhHai: '6391aae3-bade-4b6a-ac8b-a11696d6225e',
  khuonHa: 'd18483ed-dcf0-4110-8d02-59055b1f6d22',
  eaSo: '51bf01fe-cfba-4ad1-a703-814b6a333544',
  thuongCoc: '64529927-6f5b-485f-ab04-f211d5e54d8f',
  xuanPhong: '97627375-4f42-4201-b2c2-2141d42f571e',
  team: 'd126d55d-7c8c-4631-a91f-0f2e8f04be8e',
} as const;

const UPDATED_AT = '2026-10-01T01:00:00.000Z';

/** Vietnamese, then every minority language spoken somewhere in the district, in registry order. */
const DISTRICT_LANGUAGES: readonly Unit['languages'][number][] = [
  'vie',
  'khm',
  'hmn',
  'blt',
  'tyz',
  'nut',
  'mtq',
  'rad',
  'jra',
];

/** The fictional demo tree: one province, one district, six commune stations and one vehicle team. */
export const DEMO_UNITS: Unit[] = [
  {
    id: DEMO_UNIT_IDS.province,
    parentId: null,
    level: 'province',
    name: 'Tỉnh Hòa Giang',
    code: '39',
    languages: [...DISTRICT_LANGUAGES],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    id: DEMO_UNIT_IDS.district,
    parentId: DEMO_UNIT_IDS.province,
    level: 'district',
    name: 'Huyện Thanh Lâm',
    code: '398',
    languages: [...DISTRICT_LANGUAGES],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    // Mountain commune: H'Mông villages on the slopes, Thái villages along the stream.
    id: DEMO_UNIT_IDS.taPhin,
    parentId: DEMO_UNIT_IDS.district,
    level: 'commune',
    name: 'Xã Tả Phìn',
    code: '15901',
    languages: ['vie', 'hmn', 'blt'],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    // Coastal commune in the Mekong style: Khmer phum and sóc, shallot fields, shrimp ponds.
    id: DEMO_UNIT_IDS.vinhHai,
    parentId: DEMO_UNIT_IDS.district,
    level: 'commune',
    name: 'Xã Vĩnh Hải',
    code: '15904',
    languages: ['vie', 'khm'],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    id: DEMO_UNIT_IDS.khuonHa,
    parentId: DEMO_UNIT_IDS.district,
    level: 'commune',
    name: 'Xã Khuôn Hà',
    code: '15907',
    languages: ['vie', 'tyz', 'nut'],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    id: DEMO_UNIT_IDS.eaSo,
    parentId: DEMO_UNIT_IDS.district,
    level: 'commune',
    name: 'Xã Ea Sô',
    code: '15910',
    languages: ['vie', 'rad', 'jra'],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    id: DEMO_UNIT_IDS.thuongCoc,
    parentId: DEMO_UNIT_IDS.district,
    level: 'commune',
    name: 'Xã Thượng Cốc',
    code: '15913',
    languages: ['vie', 'mtq'],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    id: DEMO_UNIT_IDS.xuanPhong,
    parentId: DEMO_UNIT_IDS.district,
    level: 'commune',
    name: 'Xã Xuân Phong',
    code: '15916',
    languages: ['vie'],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
  {
    // Drives to every commune of the district, so it carries all the district's languages.
    id: DEMO_UNIT_IDS.team,
    parentId: DEMO_UNIT_IDS.district,
    level: 'team',
    name: 'Đội Thông tin lưu động huyện Thanh Lâm',
    code: null,
    languages: [...DISTRICT_LANGUAGES],
    updatedAt: UPDATED_AT,
    rev: 0,
  },
];
