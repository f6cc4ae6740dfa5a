import { uiLanguage } from '../i18n/i18n.ts';

const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 ngày trước", "2 giờ trước": how long ago `timestamp` was, in the interface language; "" under a minute. */
export function useAgo(): (timestamp: string, now?: number) => string {
  const format = new Intl.RelativeTimeFormat(uiLanguage.value, { numeric: 'always' });
  return (timestamp, now = Date.now()) => {
    const elapsed = now - Date.parse(timestamp);
    const step = STEPS.find(([, ms]) => elapsed >= ms);
    return step ? format.format(-Math.floor(elapsed / step[1]), step[0]) : '';
  };
}
