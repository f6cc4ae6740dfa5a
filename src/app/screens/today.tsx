import { useEffect, useState } from 'preact/hooks';
import { readToday, type TodayData } from '../../client/db/today-repository.ts';
import { listPendingDrafts } from '../../client/logs/drafts.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { nextSlot } from '../../domain/broadcast-slots.ts';
import { formatDate, formatTime, isoDateOf } from '../../domain/dates.ts';
import { DUE_GROUPS, planToday, type DueBulletin, type SlotPlan } from '../../domain/due-bulletins.ts';
import { logTotals } from '../../domain/log-totals.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import { UrgentBadge } from '../components/bulletin-list.tsx';
import { useDayName } from '../components/day-name.ts';
import { EnrolPrompt } from '../components/enrol-prompt.tsx';
import { db } from '../db.ts';
import { useT } from '../i18n/i18n.ts';
import { notificationState, REMINDER_LEAD_MINUTES, switchReminders } from '../reminders.ts';
import { dataVersion } from '../sync-state.ts';
import { syncStatus } from '../sync-status.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

/** The current minute, moving on while the screen stays open and when the app comes back to the front. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const tick = () => setNow(new Date());
    const timer = setInterval(tick, 30_000);
    const onVisible = () => document.visibilityState === 'visible' && tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

/** "Còn 2 lần trong tuần này", "Đã đủ 3/3 lần hôm nay", or why nothing is asked. */
function ProgressNote({ entry }: { entry: DueBulletin<Bulletin> }) {
  const t = useT('today');
  const { progress } = entry;
  if (!progress) return <>{entry.needsAiring ? t('progress.urgentNow') : t('progress.none')}</>;
  if (progress.label !== progress.period) return <>{t('progress.ended')}</>;
  const until = formatDate(progress.lastDay);
  if (progress.remaining > 0) {
    return <>{t(`progress.remaining.${progress.period}`, { count: progress.remaining, until })}</>;
  }
  const { aired, required } = progress;
  return <>{t(`progress.met.${progress.period}`, { aired, required, until })}</>;
}

function DueRow({ entry }: { entry: DueBulletin<Bulletin> }) {
  const t = useT('today');
  const { bulletin, airedToday } = entry;
  const urgent = bulletin.urgency === 'urgent';
  return (
    <li
      class={urgent ? 'due-row due-row-urgent' : 'due-row'}
      data-testid="bulletin-item"
      data-id={bulletin.id}
      data-group={entry.group}
      data-needs-airing={entry.needsAiring}
      data-remaining={entry.progress?.remaining ?? ''}
    >
      <a href={`/bulletins/${bulletin.id}`} class="due-link">
        <span class="item-title" lang="vi">
          {urgent && <UrgentBadge />}
          {bulletin.title}
        </span>
        <span class="item-meta" data-testid="due-progress">
          <ProgressNote entry={entry} />
        </span>
        {airedToday.length > 0 && (
          <span class="aired-today" data-testid="aired-today">
            <span aria-hidden="true">✓ </span>
            {t('aired', { times: airedToday.map((at) => formatTime(at, VIETNAM_TIME_ZONE)).join(', ') })}
          </span>
        )}
      </a>
      <a
        href={`/bulletins/${bulletin.id}?play=1`}
        class="btn btn-primary due-play"
        data-testid="play-bulletin"
        aria-label={t('playLabel', { title: bulletin.title })}
      >
        <span aria-hidden="true">▶</span>
        {t('play')}
      </a>
    </li>
  );
}

/**
 * Why a broadcast time has nothing to carry: every bulletin aired enough, no bulletin downloaded yet, or none
 * in force today. Saying "aired enough" when there is nothing at all would be untrue.
 */
type NothingDue = 'met' | 'notLoaded' | 'noneInForce';

function nothingDueOf(bulletinsInForce: number): NothingDue {
  if (bulletinsInForce > 0) return 'met';
  return syncStatus.lastSuccessAt.value === undefined ? 'notLoaded' : 'noneInForce';
}

function SlotRow({
  slot,
  titles,
  nothingDue,
}: {
  slot: SlotPlan;
  titles: ReadonlyMap<string, string>;
  nothingDue: NothingDue;
}) {
  const t = useT('today');
  const started = slot.state === 'past' || slot.state === 'now';
  return (
    <li
      class={`airtime airtime-${slot.state}`}
      data-testid="slot"
      data-state={slot.state}
      data-time={slot.time}
    >
      <p class="airtime-head">
        <strong class="airtime-time">{slot.time}</strong>
        <span class="airtime-state">{t(`slots.state.${slot.state}`)}</span>
        {(started || slot.aired > 0) && (
          <span class="airtime-aired">
            {slot.aired > 0 ? t('slots.aired', { count: slot.aired }) : t('slots.notAired')}
          </span>
        )}
      </p>
      {slot.state !== 'past' &&
        (slot.due.length > 0 ? (
          <>
            <p class="airtime-due-count">{t('slots.due', { count: slot.due.length })}</p>
            <ul class="airtime-due" data-testid="slot-due">
              {slot.due.map(({ bulletinId, times }) => (
                <li key={bulletinId} lang="vi">
                  {titles.get(bulletinId)}
                  {times > 1 && (
                    <strong class="airtime-times"> · {t('slots.times', { count: times })}</strong>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="airtime-due-count">{t(`slots.nothing.${nothingDue}`)}</p>
        ))}
    </li>
  );
}

/** The reminder switch before broadcast times, with what it can and cannot do on this device. */
function ReminderSwitch({ enabled, onChanged }: { enabled: boolean; onChanged: () => void }) {
  const t = useT('today');
  const [problem, setProblem] = useState<'denied' | 'unsupported' | 'failed' | null>(null);
  // The box shows the operator's choice at once, while the browser asks for permission and it is saved.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const state = notificationState();
  const on = enabled && state === 'allowed';
  const message =
    problem ?? (state === 'unsupported' ? 'unsupported' : enabled && state === 'denied' ? 'denied' : null);
  const change = async (turnOn: boolean) => {
    setWanted(turnOn);
    setProblem(null);
    try {
      const result = await switchReminders(turnOn);
      if (result === 'denied' || result === 'unsupported') setProblem(result);
      onChanged();
    } catch (error) {
      console.error(error);
      setProblem('failed');
    } finally {
      setWanted(null);
    }
  };
  return (
    <div class="reminders" data-testid="reminders">
      <label class="check">
        <input
          type="checkbox"
          data-testid="reminders-toggle"
          checked={wanted ?? on}
          disabled={wanted !== null || state === 'unsupported'}
          onChange={(e) => void change(e.currentTarget.checked)}
        />
        {t('reminders.turnOn', { minutes: REMINDER_LEAD_MINUTES })}
      </label>
      {on && (
        <p class="hint" role="status">
          {t('reminders.on', { minutes: REMINDER_LEAD_MINUTES })}
        </p>
      )}
      {message && (
        <p class="alert" role="alert">
          {t(`reminders.${message}`)}
        </p>
      )}
      <p class="hint">{t('reminders.hint')}</p>
    </div>
  );
}

/** One line under the day's total: the broadcast time on air or next, and how many bulletins it should carry. */
function NextSlotLine({
  slots,
  times,
  now,
  nothingDue,
}: {
  slots: SlotPlan[];
  times: readonly string[];
  now: Date;
  nothingDue: NothingDue;
}) {
  const t = useT('today');
  const slot = slots.find((s) => s.state === 'now' || s.state === 'next');
  if (!slot) {
    const next = nextSlot(times, now);
    return next ? <p class="today-next">{t('slots.allPast', { time: next.time })}</p> : null;
  }
  const state = t(`slots.state.${slot.state}`);
  return (
    <p class="today-next" data-testid="next-slot">
      {slot.due.length > 0
        ? t('slots.headline', { state, time: slot.time, count: slot.due.length })
        : t(`slots.headlineNothing.${nothingDue}`, { state, time: slot.time })}
    </p>
  );
}

function Slots({
  data,
  slots,
  now,
  nothingDue,
  onChanged,
}: {
  data: TodayData;
  slots: SlotPlan[];
  now: Date;
  nothingDue: NothingDue;
  onChanged: () => void;
}) {
  const t = useT('today');
  const titles = new Map(data.bulletins.map((b) => [b.id, b.title]));
  const times = data.settings.broadcastSlots;
  const next = nextSlot(times, now);
  const allPast = slots.length > 0 && slots.every((slot) => slot.state === 'past');
  return (
    <section aria-labelledby="slots-title">
      <h2 id="slots-title">{t('slots.title')}</h2>
      {times.length === 0 ? (
        <p class="empty">
          {t('slots.none')} <a href="/more">{t('slots.set')}</a>
        </p>
      ) : (
        <>
          <ol class="airtimes" data-testid="slots">
            {slots.map((slot) => (
              <SlotRow key={slot.time} slot={slot} titles={titles} nothingDue={nothingDue} />
            ))}
          </ol>
          {allPast && next && <p class="airtime-tomorrow">{t('slots.allPast', { time: next.time })}</p>}
          <ReminderSwitch enabled={data.settings.remindersEnabled} onChanged={onChanged} />
        </>
      )}
    </section>
  );
}

/**
 * The app's home: the broadcasts made today at a glance, the bulletins due for this device's unit (urgent
 * first, then those short of their airing requirement, then the rest in force), each one tap from its player,
 * and today's broadcast times with what each should carry. Everything is counted in Vietnam time.
 */
export function TodayScreen() {
  const t = useT('today');
  const tc = useT('common');
  const dayName = useDayName();
  const now = useMinute();
  const minute = now.getTime();
  const version = dataVersion.value;
  const [changed, setChanged] = useState(0);
  const data = useLoad(() => readToday(db, new Date(minute)), [minute, version, changed]);
  const drafts = useLoad(() => listPendingDrafts(db), [version]);
  useTitle(t('title'));
  const today = isoDateOf(now, VIETNAM_TIME_ZONE);

  const d = data.data;
  const plan = d && planToday(d.bulletins, d.logs, d.todayLogs, d.settings.broadcastSlots, now);
  const aired = d && logTotals(d.todayLogs, now).today;
  const waiting = drafts.data?.length ?? 0;
  const nothingDue = nothingDueOf(d?.bulletins.length ?? 0);
  // Before pairing the enrolment prompt says what to do: a sync alone would bring nothing. Until the enrolment
  // has been read ('unknown'), neither is said.
  const enrolment = syncStatus.enrolment.value;
  const paired = enrolment === 'enrolled' || enrolment === 'revoked';
  return (
    <>
      <h1>{t('title')}</h1>
      <p class="lead">{dayName(today)}</p>
      <EnrolPrompt />
      {waiting > 0 && (
        <p class="alert today-drafts" data-testid="pending-drafts">
          <span>{t('drafts', { count: waiting })}</span>
          <a class="btn" href="/logs">
            {t('draftsOpen')}
          </a>
        </p>
      )}
      {data.failed && <p class="alert">{tc('readError')}</p>}
      {!d || !plan || !aired ? (
        !data.failed && <p>{tc('loading')}</p>
      ) : (
        <>
          <p class="today-summary" data-testid="today-summary" data-count={aired.count}>
            {t('summary', { count: aired.count, minutes: aired.minutes })}
          </p>
          <NextSlotLine
            slots={plan.slots}
            times={d.settings.broadcastSlots}
            now={now}
            nothingDue={nothingDue}
          />
          {d.settings.unit ? (
            <p class="hint">{t('unit', { unit: d.settings.unit.name })}</p>
          ) : (
            paired && (
              <p class="alert" data-testid="no-unit">
                {t('noUnit')} <a href="/more">{t('chooseUnit')}</a>
              </p>
            )
          )}
          {plan.due.length === 0 ? (
            nothingDue === 'notLoaded' ? (
              paired && (
                <p class="empty" data-testid="today-empty">
                  {t('neverSynced')} <a href="/sync">{t('goSync')}</a>
                </p>
              )
            ) : (
              <p class="empty" data-testid="today-empty">
                {t('empty')}
              </p>
            )
          ) : (
            DUE_GROUPS.map((group) => {
              const entries = plan.due.filter((entry) => entry.group === group);
              if (entries.length === 0) return null;
              return (
                <section key={group} aria-labelledby={`due-${group}`}>
                  <h2 id={`due-${group}`}>{t(`groups.${group}`)}</h2>
                  <ul class="due-list" data-testid={`due-${group}`}>
                    {entries.map((entry) => (
                      <DueRow key={entry.bulletin.id} entry={entry} />
                    ))}
                  </ul>
                </section>
              );
            })
          )}
          {plan.due.length > 0 && <p class="hint">{t('playHint')}</p>}
          <Slots
            data={d}
            slots={plan.slots}
            now={now}
            nothingDue={nothingDue}
            onChanged={() => setChanged((n) => n + 1)}
          />
        </>
      )}
    </>
  );
}
