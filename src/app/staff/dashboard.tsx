import './dashboard.css';
import { useState } from 'preact/hooks';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { SILENT_DAYS_DEFAULT, SILENT_DAYS_MAX, type CoverageReport } from '../../domain/coverage-report.ts';
import { periodAccepted, type ReportPeriod } from '../../domain/coverage.ts';
import { formatDate, formatDateTime } from '../../domain/dates.ts';
import { getCoverage } from '../../client/staff/staff-api.ts';
import { useLanguageName } from '../components/language-name.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { ColumnChart, RowBars, ShareBar, StopsMap } from './dashboard-charts.tsx';
import { PERIOD_PRESETS, presetPeriod, type PeriodPreset } from './dashboard-period.ts';
import { LoadState } from './load-state.tsx';
import { VerificationBadge } from './logs.tsx';
import { useAgo } from './relative-time.ts';
import { session, unitsById } from './session.ts';
import { UnitSelect } from './unit-select.tsx';

type Choice = PeriodPreset | 'custom';

/** Numbers and shares written the way the interface language writes them (1.234 and 85 % in Vietnamese). */
function useFormats() {
  const locale = uiLanguage.value === 'en' ? 'en-GB' : 'vi-VN';
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  // Below 10 % a tenth shows progress that whole percents would round away (2 of 2,252 is not "0 %").
  const smallPercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    number: (n: number) => number.format(n),
    share: (share: number | null) =>
      share === null ? '—' : share < 0.1 ? smallPercent.format(share) : percent.format(share),
  };
}

function PeriodPicker({
  choice,
  period,
  onChoice,
  onPeriod,
}: {
  choice: Choice;
  period: ReportPeriod;
  onChoice: (choice: Choice) => void;
  onPeriod: (period: ReportPeriod) => void;
}) {
  const t = useT('staff');
  return (
    <fieldset class="dash-period">
      <legend>{t('dashboard.period')}</legend>
      <div class="dash-presets">
        {[...PERIOD_PRESETS, 'custom' as const].map((key) => (
          <button
            key={key}
            type="button"
            class="btn"
            aria-pressed={choice === key}
            data-testid={`dashboard-preset-${key}`}
            onClick={() => onChoice(key)}
          >
            {t(`dashboard.presets.${key}`)}
          </button>
        ))}
      </div>
      {choice === 'custom' && (
        <div class="staff-filters">
          {(['from', 'to'] as const).map((end) => (
            <div class="field" key={end}>
              <label for={`dash-${end}`}>{t(`dashboard.${end}`)}</label>
              <input
                id={`dash-${end}`}
                type="date"
                data-testid={`dashboard-${end}`}
                value={period[end]}
                onChange={(e) => onPeriod({ ...period, [end]: e.currentTarget.value })}
              />
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function Figure({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId?: string;
}) {
  return (
    <div class="dash-figure" data-testid={testId}>
      <span class="dash-figure-label">{label}</span>
      <strong class="dash-figure-value">{value}</strong>
      {note && <span class="dash-figure-note">{note}</span>}
    </div>
  );
}

function Figures({ report }: { report: CoverageReport }) {
  const t = useT('staff');
  const f = useFormats();
  const totals = report.coverage.totals;
  return (
    <section class="dash-figures" aria-label={t('dashboard.figures')}>
      <Figure
        label={t('dashboard.compliance')}
        value={f.share(totals.compliance)}
        note={
          totals.compliance === null
            ? t('dashboard.noRequirement')
            : t('dashboard.airedOf', { aired: f.number(totals.aired), required: f.number(totals.required) })
        }
        testId="dashboard-compliance"
      />
      <Figure
        label={t('dashboard.broadcasts')}
        value={f.number(totals.broadcasts)}
        {...(totals.partial > 0 && {
          note: t('dashboard.partialNote', { count: totals.partial, n: f.number(totals.partial) }),
        })}
        testId="dashboard-broadcasts"
      />
      <Figure label={t('dashboard.minutes')} value={f.number(totals.minutes)} />
      <Figure label={t('dashboard.minorityShare')} value={f.share(report.coverage.minorityShare)} />
      <Figure
        label={t('dashboard.verifiedShare')}
        value={f.share(totals.broadcasts === 0 ? null : totals.verified / totals.broadcasts)}
      />
    </section>
  );
}

function UnitTable({ report }: { report: CoverageReport }) {
  const t = useT('staff');
  const f = useFormats();
  return (
    <section class="dash-card dash-wide">
      <h2>{t('dashboard.units')}</h2>
      <div class="dash-table-wrap" tabIndex={0} role="region" aria-label={t('dashboard.units')}>
        <table class="dash-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.unit')}</th>
              <th scope="col">{t('dashboard.required')}</th>
              <th scope="col">{t('dashboard.aired')}</th>
              <th scope="col">{t('dashboard.compliance')}</th>
              <th scope="col">{t('dashboard.broadcasts')}</th>
              <th scope="col">{t('dashboard.minutes')}</th>
            </tr>
          </thead>
          <tbody>
            {report.coverage.units.map((row) => (
              <tr key={row.unitId} data-testid="dashboard-unit-row" data-unit-id={row.unitId}>
                <th scope="row" style={{ paddingLeft: `${0.5 + row.depth * 1.1}rem` }}>
                  {row.name}
                </th>
                <td data-label={t('dashboard.required')}>{f.number(row.required)}</td>
                <td data-label={t('dashboard.aired')}>{f.number(row.aired)}</td>
                <td data-label={t('dashboard.compliance')} class="dash-td-compliance">
                  <ShareBar share={row.compliance} text={f.share(row.compliance)} />
                </td>
                <td data-label={t('dashboard.broadcasts')} data-testid="dashboard-unit-broadcasts">
                  {f.number(row.broadcasts)}
                </td>
                <td data-label={t('dashboard.minutes')}>{f.number(row.minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Breakdowns({ report }: { report: CoverageReport }) {
  const t = useT('staff');
  const tl = useT('logs');
  const f = useFormats();
  const languageName = useLanguageName();
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
  const { byMonth, byChannel, byLanguage } = report.coverage;
  return (
    <>
      <section class="dash-card">
        <h2>{t('dashboard.byMonth')}</h2>
        <ColumnChart
          testId="dashboard-month-chart"
          label={t('dashboard.byMonthLabel')}
          bars={byMonth.map((m) => ({
            key: m.month,
            label: t('dashboard.monthShort', {
              month: Number(m.month.slice(5)),
              name: monthName.format(new Date(`${m.month}-01T00:00:00Z`)),
            }),
            value: m.broadcasts,
            text: f.number(m.broadcasts),
          }))}
        />
      </section>
      <section class="dash-card">
        <h2>{t('dashboard.byChannel')}</h2>
        <RowBars
          testId="dashboard-channels"
          bars={byChannel.map((c) => ({
            key: c.channel,
            label: tl(`form.channels.${c.channel}`),
            value: c.broadcasts,
            text: t('dashboard.tally', { broadcasts: f.number(c.broadcasts), minutes: f.number(c.minutes) }),
          }))}
        />
      </section>
      <section class="dash-card">
        <h2>{t('dashboard.byLanguage')}</h2>
        {byLanguage.length === 0 ? (
          <p class="empty">{t('dashboard.noBroadcasts')}</p>
        ) : (
          <RowBars
            testId="dashboard-languages"
            bars={byLanguage.map((l) => ({
              key: l.lang,
              label: languageName(l.lang),
              value: l.broadcasts,
              text: t('dashboard.tally', {
                broadcasts: f.number(l.broadcasts),
                minutes: f.number(l.minutes),
              }),
            }))}
          />
        )}
      </section>
    </>
  );
}

function MapCard({ report }: { report: CoverageReport }) {
  const t = useT('staff');
  const f = useFormats();
  const { stops, total } = report.vehicleStops;
  return (
    <section class="dash-card">
      <h2>{t('dashboard.map')}</h2>
      {report.bounds === null ? (
        <p class="empty" data-testid="dashboard-map">
          {t('dashboard.noStops')}
        </p>
      ) : (
        <>
          <StopsMap
            stops={stops}
            bounds={report.bounds}
            label={t('dashboard.mapLabel', { count: total })}
            testId="dashboard-map"
          />
          <p class="dash-note">{t('dashboard.mapNote', { count: total, shown: f.number(stops.length) })}</p>
        </>
      )}
    </section>
  );
}

/** The text of the silent-days field as a number of days, or null unless it is a whole number the API takes. */
function silentDaysOf(text: string): number | null {
  const days = Number(text);
  return /^\d{1,3}$/.test(text.trim()) && days >= 1 && days <= SILENT_DAYS_MAX ? days : null;
}

/**
 * How many days without contact make a device "silent": typed freely, sent once committed (Enter, leaving the
 * field, the arrows) and only when valid, so a half-typed number never triggers a load.
 */
function SilentDaysField({ days, onDays }: { days: number; onDays: (days: number) => void }) {
  const t = useT('staff');
  const [text, setText] = useState(String(days));
  const wrong = silentDaysOf(text) === null;
  return (
    <div class="field dash-silent-days">
      <label for="dash-silent-days">{t('dashboard.silentDays')}</label>
      <input
        id="dash-silent-days"
        type="number"
        inputMode="numeric"
        min={1}
        max={SILENT_DAYS_MAX}
        step={1}
        value={text}
        data-testid="dashboard-silent-days"
        aria-invalid={wrong}
        aria-describedby={wrong ? 'dash-silent-days-error' : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => {
          const next = silentDaysOf(e.currentTarget.value);
          if (next !== null) onDays(next);
        }}
      />
      {wrong && (
        <p class="field-error" id="dash-silent-days-error" data-testid="dashboard-silent-days-error">
          {t('dashboard.silentDaysError', { max: SILENT_DAYS_MAX })}
        </p>
      )}
    </div>
  );
}

function SilentCard({
  report,
  days,
  onDays,
}: {
  report: CoverageReport;
  days: number;
  onDays: (days: number) => void;
}) {
  const t = useT('staff');
  const ago = useAgo();
  const devices = report.silentDevices;
  return (
    <section class="dash-card" data-testid="dashboard-silent" data-count={devices.length}>
      <h2>{t('dashboard.silent', { count: devices.length })}</h2>
      <SilentDaysField days={days} onDays={onDays} />
      {report.enrolledDevices === 0 ? (
        <p class="empty" data-testid="dashboard-no-devices">
          {t('dashboard.noDevices')} <a href="/staff/devices">{t('dashboard.noDevicesHow')}</a>
        </p>
      ) : devices.length === 0 ? (
        <p class="empty">{t('dashboard.noSilent', { days })}</p>
      ) : (
        <ul class="staff-list">
          {devices.map((device) => (
            <li key={device.deviceId} class="staff-row">
              <p class="item-title">{device.label}</p>
              <p class="item-meta">
                {unitsById.value.get(device.unitId)?.name ?? ''} ·{' '}
                {device.lastSeenAt === null
                  ? t('devices.neverSeen')
                  : t('devices.lastSeen', { ago: ago(device.lastSeenAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BrokenCard({ report }: { report: CoverageReport }) {
  const t = useT('staff');
  const { count, latest } = report.brokenLogs;
  return (
    <section class="dash-card" data-testid="dashboard-broken" data-count={count}>
      <h2>{t('dashboard.broken', { count })}</h2>
      {count === 0 ? (
        <p class="empty">{t('dashboard.noBroken')}</p>
      ) : (
        <>
          <ul class="staff-list">
            {latest.map((log) => (
              <li key={log.id} class="staff-row">
                <p>
                  <VerificationBadge verification={log.verification} />
                </p>
                <p class="item-meta">
                  {unitsById.value.get(log.unitId)?.name ?? ''} ·{' '}
                  {formatDateTime(log.startedAt, VIETNAM_TIME_ZONE)} · {log.operator}
                </p>
              </li>
            ))}
          </ul>
          <p class="dash-note">
            <a href="/staff/logs">{t('dashboard.allLogs')}</a>
          </p>
        </>
      )}
    </section>
  );
}

function RefusedCard({ report }: { report: CoverageReport }) {
  const t = useT('staff');
  const { count, notSigned, latest } = report.refusedLogs;
  return (
    <section class="dash-card" data-testid="dashboard-refused" data-count={count} data-not-signed={notSigned}>
      <h2>{t('dashboard.refused', { count })}</h2>
      {count === 0 ? (
        <p class="empty">{t('dashboard.noRefused')}</p>
      ) : (
        <>
          {notSigned > 0 && (
            <p class="dash-alert" role="alert" data-testid="dashboard-forgeries">
              {t('dashboard.refusedNotSigned', { count: notSigned })}
            </p>
          )}
          <ul class="staff-list">
            {latest.map((log) => (
              <li
                key={`${log.deviceId} ${log.logId} ${log.receivedAt}`}
                class="staff-row"
                data-reason={log.reason}
              >
                <p class="item-title">{t(`dashboard.refusedReasons.${log.reason}`)}</p>
                <p class="item-meta">
                  {log.deviceLabel} · {unitsById.value.get(log.unitId)?.name ?? ''} ·{' '}
                  {formatDateTime(log.receivedAt, VIETNAM_TIME_ZONE)}
                  {log.seq === null ? '' : ` · ${t('dashboard.refusedSeq', { seq: log.seq })}`}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The coverage dashboard: a subtree's compliance, broadcasts and minutes over a period, per unit, month,
 * channel and language, with the vehicle stops, the silent devices and the logs that failed verification.
 */
export function DashboardScreen() {
  const t = useT('staff');
  useTitle(t('dashboard.title'));
  const [choice, setChoice] = useState<Choice>('year');
  const [period, setPeriod] = useState<ReportPeriod>(() => presetPeriod('year'));
  const [unitId, setUnitId] = useState(session.value?.user.unitId ?? '');
  const [silentDays, setSilentDays] = useState(SILENT_DAYS_DEFAULT);
  const [attempt, setAttempt] = useState(0);
  // The server's own limits, checked here so a wrong pick reads as advice rather than a failed load.
  const valid = periodAccepted(period);
  const asked = `${unitId}|${period.from}|${period.to}|${silentDays}`;
  const loaded = useLoad(
    async () => ({
      asked,
      silentDays,
      report: valid ? await getCoverage({ unitId, ...period, silentDays }) : null,
    }),
    [asked, attempt],
  );
  const choose = (next: Choice) => {
    setChoice(next);
    if (next !== 'custom') setPeriod(presetPeriod(next));
  };
  const report = loaded.failed ? null : (loaded.data?.report ?? null);
  // The last figures stay on screen, dimmed, while those of a new choice load: no blank flash on a slow line.
  const stale = loaded.data !== undefined && loaded.data.asked !== asked;
  return (
    <div class="dash" data-testid="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <div class="dash-controls">
        <PeriodPicker choice={choice} period={period} onChoice={choose} onPeriod={setPeriod} />
        <UnitSelect
          id="dash-unit"
          label={t('dashboard.unit')}
          testId="dashboard-unit"
          action="reports.read"
          value={unitId}
          onChange={setUnitId}
        />
      </div>
      {valid ? (
        <p class="dash-shown" data-testid="dashboard-period">
          {t('dashboard.shown', {
            unit: unitsById.value.get(unitId)?.name ?? '',
            from: formatDate(period.from),
            to: formatDate(period.to),
          })}
        </p>
      ) : (
        <p class="alert">{t('dashboard.badPeriod')}</p>
      )}
      {valid && (
        <LoadState loaded={loaded} empty={false} emptyText="" onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {valid && stale && !loaded.failed && (
        <p role="status" data-testid="dashboard-loading">
          {t('loading')}
        </p>
      )}
      {report && (
        <div class={stale ? 'dash-grid dash-stale' : 'dash-grid'} aria-busy={stale}>
          <Figures report={report} />
          <UnitTable report={report} />
          <Breakdowns report={report} />
          <MapCard report={report} />
          <SilentCard report={report} days={loaded.data?.silentDays ?? silentDays} onDays={setSilentDays} />
          <BrokenCard report={report} />
          <RefusedCard report={report} />
        </div>
      )}
    </div>
  );
}
