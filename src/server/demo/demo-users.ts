/**
 * Demo staff accounts, one per role, seeded with the demo units. FICTIONAL PEOPLE. Every account has the
 * password DEMO_PASSWORD, which is public: a server that keeps the demo data must not face the internet.
 */
import type { User } from '../../domain/schemas/user.ts';
import { hashPassword } from '../auth/password.ts';
import { DEMO_UNIT_IDS } from './demo-units.ts';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'loaxa-demo';

/** The demo accounts without their password hash. */
export const DEMO_USERS: readonly Omit<User, 'passwordHash'>[] = [
  {
    id: '3f1c9a4e-8b2d-4c61-9e57-0a1b2c3d4e01',
    unitId: DEMO_UNIT_IDS.province,
    role: 'admin',
    login: 'admin',
    displayName: 'Quản trị hệ thống',
  },
  {
    id: '3f1c9a4e-8b2d-4c61-9e57-0a1b2c3d4e02',
    unitId: DEMO_UNIT_IDS.province,
    role: 'province',
    login: 'so.vhtt',
    displayName: 'Sở Văn hóa, Thể thao và Du lịch',
  },
  {
    id: '3f1c9a4e-8b2d-4c61-9e57-0a1b2c3d4e03',
    unitId: DEMO_UNIT_IDS.district,
    role: 'district',
    login: 'phong.vhtt',
    displayName: 'Phòng Văn hóa - Thông tin huyện',
  },
  {
    id: '3f1c9a4e-8b2d-4c61-9e57-0a1b2c3d4e04',
    unitId: DEMO_UNIT_IDS.taPhin,
    role: 'operator',
    login: 'xa.taphin',
    displayName: 'Đài truyền thanh xã Tả Phìn',
  },
  {
    id: '3f1c9a4e-8b2d-4c61-9e57-0a1b2c3d4e05',
    unitId: DEMO_UNIT_IDS.team,
    role: 'team',
    login: 'doi.xe',
    displayName: 'Đội Thông tin lưu động',
  },
];

let hashed: Promise<User[]> | undefined;

/** The demo accounts with hashes of DEMO_PASSWORD, computed once per process (scrypt is slow on purpose). */
export function demoUsersWithPasswords(): Promise<User[]> {
  hashed ??= Promise.all(
    DEMO_USERS.map(async (user) => ({ ...user, passwordHash: await hashPassword(DEMO_PASSWORD) })),
  );
  return hashed;
}
