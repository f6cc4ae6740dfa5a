import { dayOfWeek, formatDate } from '../../domain/dates.ts';
import { useT } from '../i18n/i18n.ts';

const WEEKDAY_KEYS = [
  'weekdays.0',
  'weekdays.1',
  'weekdays.2',
  'weekdays.3',
  'weekdays.4',
  'weekdays.5',
  'weekdays.6',
] as const;

/** Names a calendar day (yyyy-mm-dd) as headings write it: "Thứ Tư, 25/11/2026". */
export function useDayName(): (isoDate: string) => string {
  const tc = useT('common');
  return (day) =>
    tc('dayHeading', { weekday: tc(WEEKDAY_KEYS[dayOfWeek(day)] ?? 'weekdays.0'), date: formatDate(day) });
}
