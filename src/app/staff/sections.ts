import type { StaffAction } from '../../domain/authz.ts';

/** The workspace's sections, each shown only to accounts whose role may do its action. */
export const SECTIONS = [
  { path: '/staff/dashboard', key: 'dashboard', action: 'reports.read' },
  { path: '/staff/devices', key: 'devices', action: 'devices.manage' },
  { path: '/staff/logs', key: 'logs', action: 'logs.read' },
  { path: '/staff/review', key: 'review', action: 'slots.review' },
  { path: '/staff/bulletins', key: 'bulletins', action: 'bulletins.read' },
  { path: '/staff/report', key: 'report', action: 'reports.read' },
  { path: '/staff/units', key: 'units', action: 'units.read' },
  { path: '/staff/accounts', key: 'accounts', action: 'users.manage' },
  { path: '/staff/audit', key: 'audit', action: 'audit.read' },
] as const satisfies readonly { path: string; key: string; action: StaffAction }[];
