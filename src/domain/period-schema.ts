/**
 * The one period rule (coverage.ts: in order, at most MAX_PERIOD_DAYS) as the pipe actions every API query or
 * request naming a period with `from` and `to` ends with; its issues are reported on `to`.
 */
import * as v from 'valibot';
import {
  periodInOrder,
  periodWithinMaximum,
  PERIOD_MAXIMUM_MESSAGE,
  PERIOD_ORDER_MESSAGE,
  type ReportPeriod,
} from './coverage.ts';
import { isCalendarDate } from './schemas/common.ts';

/** The period checks for an object schema whose output is `T`: `v.pipe(schema, ...periodRule<T>())`. */
export function periodRule<T extends ReportPeriod & Record<string, unknown>>() {
  const forward = v.forward<T, v.CheckIssue<T>, ['to']>;
  // valibot cannot see that every T has `to` while T is still generic; each caller's T is checked where it is named.
  const path = ['to'] as Parameters<typeof forward>[1];
  // valibot runs an object's checks even when a field failed its own: a period of non-dates is left to those.
  const on = <M extends string>(rule: (period: ReportPeriod) => boolean, message: M) =>
    forward(
      v.check<T, M>((p) => !isCalendarDate(p.from) || !isCalendarDate(p.to) || rule(p), message),
      path,
    );
  return [on(periodInOrder, PERIOD_ORDER_MESSAGE), on(periodWithinMaximum, PERIOD_MAXIMUM_MESSAGE)] as const;
}
