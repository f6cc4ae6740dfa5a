import './report.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { periodAccepted, type ReportPeriod } from '../../domain/coverage.ts';
import { formatDate, isoDateOf } from '../../domain/dates.ts';
import {
  REPORT_FORMATS,
  formatNumberVi,
  presetOf,
  reportPeriod,
  type ReportFormat,
  type ReportPreset,
  type ReportRequest,
  type ReportSections,
} from '../../domain/report.ts';
import { downloadReport, reportDraft } from '../../client/staff/staff-api.ts';
import { TextField } from '../components/text-field.tsx';
import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { mayOn, session } from './session.ts';
import { failedFields } from './form-issues.ts';
import { useErrorText } from './staff-i18n.ts';
import { UnitSelect } from './unit-select.tsx';

const PRESETS: readonly ReportPreset[] = ['h1', 'h2', 'year'];
const SECTION_KEYS = ['evaluation', 'difficulties', 'proposals', 'direction'] as const;

/** The document's header and signature as typed: one string per input, recipients one per line. */
interface Header {
  number: string;
  place: string;
  signedOn: string;
  issuerParent: string;
  issuerBody: string;
  signerTitle: string;
  signerName: string;
  recipients: string;
}

/** Form parts that can carry an error, as the API's issues[].field paths reduce to them. */
type Part =
  | 'period'
  | 'unitId'
  | 'number'
  | 'place'
  | 'signedOn'
  | 'issuer'
  | 'signer'
  | 'recipients'
  | (typeof SECTION_KEYS)[number];

function headerOf(draft: ReportRequest): Header {
  return {
    number: draft.number,
    place: draft.place,
    signedOn: draft.signedOn,
    issuerParent: draft.issuer.parent,
    issuerBody: draft.issuer.body,
    signerTitle: draft.signer.title,
    signerName: draft.signer.name,
    recipients: draft.recipients.join('\n'),
  };
}

/** The form part an API issue path ("issuer.body", "sections.evaluation", "recipients.3") belongs to. */
function partOf(path: string): Part | undefined {
  const [head, next] = path.split(/[.[]/);
  if (head === 'from' || head === 'to') return 'period';
  if (head === 'sections') return SECTION_KEYS.find((key) => key === next);
  if (head === 'issuer' || head === 'signer') return head;
  const parts: readonly Part[] = ['unitId', 'number', 'place', 'signedOn', 'recipients'];
  return parts.find((part) => part === head);
}

/** The mistakes caught before asking the server, so they are explained without a round trip. */
function localErrors(report: ReportRequest): Set<Part> {
  const wrong = new Set<Part>();
  if (report.unitId === '') wrong.add('unitId');
  if (report.from === '' || report.to === '' || !periodAccepted(report)) wrong.add('period');
  if (report.place === '') wrong.add('place');
  if (report.signedOn === '') wrong.add('signedOn');
  if (report.issuer.body === '') wrong.add('issuer');
  if (report.signer.title === '' || report.signer.title.split('\n').length > 3) wrong.add('signer');
  if (report.recipients.length > 30) wrong.add('recipients');
  return wrong;
}

/** The number of calendar days of a period, both ends included. */
function daysIn(period: ReportPeriod): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}

/** Bytes as the progress line says them: "850 B", "12,3 kB", "1,4 MB". */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumberVi(bytes / 1024, 1)} kB`;
  return `${formatNumberVi(bytes / (1024 * 1024), 1)} MB`;
}

/** Hands a generated file to the browser as a download. */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download before this task ends; the URL can go once it has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The report generator: a period (half-year and year presets or any dates) and a unit, the document's header,
 * the four narrative sections drafted by the server from the figures and edited here, and the exports. What
 * staff typed is never replaced without asking: a new period's draft only fills sections left as drafted.
 */
export function ReportScreen() {
  const t = useT('staff');
  const errorText = useErrorText();
  useTitle(t('report.title'));
  const info = session.value;
  const today = isoDateOf(new Date(), VIETNAM_TIME_ZONE);
  const [year, setYear] = useState(() => Number(today.slice(0, 4)));
  const [period, setPeriod] = useState(() => reportPeriod('year', Number(today.slice(0, 4))));
  const [unitId, setUnitId] = useState(() =>
    info && mayOn('reports.read', info.user.unitId) ? info.user.unitId : '',
  );
  const [header, setHeader] = useState<Header | null>(null);
  const [sections, setSections] = useState<ReportSections | null>(null);
  // Read when a draft arrives, which may be after more typing than the render that asked for it saw.
  const typed = useRef(sections);
  typed.current = sections;
  // The draft last taken into the form: a field still equal to it has not been edited.
  const base = useRef<{ header: Header; sections: ReportSections } | null>(null);
  const [pending, setPending] = useState<ReportSections | null>(null);
  const [drafting, setDrafting] = useState(false);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [draftAttempt, setDraftAttempt] = useState(0);
  const [wrong, setWrong] = useState<ReadonlySet<Part>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ format: ReportFormat; received: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const active = presetOf(period);
  const periodValid = period.from !== '' && period.to !== '' && period.from <= period.to;

  useEffect(() => {
    if (unitId === '' || !periodValid) return;
    let current = true;
    setDrafting(true);
    setDraftError(null);
    reportDraft(unitId, period)
      .then((draft) => {
        if (!current) return;
        const previous = base.current;
        const nextHeader = headerOf(draft);
        setHeader((shown) => {
          if (!shown || !previous) return nextHeader;
          const merged = { ...shown };
          for (const key of Object.keys(nextHeader) as (keyof Header)[])
            if (shown[key] === previous.header[key]) merged[key] = nextHeader[key];
          return merged;
        });
        const now = typed.current;
        const edited =
          now !== null &&
          previous !== null &&
          SECTION_KEYS.some((key) => now[key] !== previous.sections[key]);
        if (edited) setPending(draft.sections);
        else {
          setSections(draft.sections);
          setPending(null);
        }
        base.current = { header: nextHeader, sections: draft.sections };
      })
      .catch((failure: unknown) => {
        if (current) setDraftError(errorText(failure));
      })
      .finally(() => {
        if (current) setDrafting(false);
      });
    return () => {
      current = false;
    };
  }, [unitId, period.from, period.to, draftAttempt]);

  const choosePreset = (preset: ReportPreset, forYear = year) => setPeriod(reportPeriod(preset, forYear));
  const chooseYear = (value: number) => {
    setYear(value);
    if (active) choosePreset(active.preset, value);
  };
  const setField = (key: keyof Header, value: string) =>
    setHeader((shown) => (shown ? { ...shown, [key]: value } : shown));

  const requestOf = (h: Header, s: ReportSections): ReportRequest => ({
    unitId,
    from: period.from,
    to: period.to,
    number: h.number.trim(),
    place: h.place.trim(),
    signedOn: h.signedOn,
    issuer: { parent: h.issuerParent.trim(), body: h.issuerBody.trim() },
    signer: {
      title: h.signerTitle
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join('\n'),
      name: h.signerName.trim(),
    },
    recipients: h.recipients
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    sections: s,
  });

  const download = async (format: ReportFormat) => {
    if (!header || !sections) return;
    const report = requestOf(header, sections);
    const local = localErrors(report);
    setWrong(local);
    setDone(null);
    if (local.size > 0) {
      setError(t('report.fix'));
      return;
    }
    setError(null);
    setProgress({ format, received: 0 });
    try {
      const file = await downloadReport(format, report, (received) => setProgress({ format, received }));
      saveFile(file.blob, file.fileName);
      setDone(t('report.done', { file: file.fileName, size: sizeText(file.blob.size) }));
    } catch (failure) {
      const parts = new Set(failedFields(failure, partOf));
      setWrong(parts);
      setError(parts.size > 0 ? t('report.fix') : errorText(failure));
    } finally {
      setProgress(null);
    }
  };

  const partError = (part: Part) =>
    wrong.has(part) && (
      <p class="field-error" id={`rp-${part}-error`} data-testid={`report-error-${part}`}>
        {t(`report.errors.${part}`)}
      </p>
    );
  const described = (part: Part) => (wrong.has(part) ? `rp-${part}-error` : undefined);
  const text = (key: keyof Header, part: Part | null, extra: { hint?: string; testId?: string } = {}) =>
    header && (
      <TextField
        id={`rp-${key}`}
        label={t(`report.${key}`)}
        hint={extra.hint}
        data-testid={extra.testId}
        value={header[key]}
        aria-invalid={part !== null && wrong.has(part)}
        onValue={(value) => setField(key, value)}
      >
        {part !== null && partError(part)}
      </TextField>
    );
  /** A field of several lines (one per line of the document), with its hint. */
  const lines = (key: 'signerTitle' | 'recipients', part: Part, rows: number) =>
    header && (
      <div class="field">
        <label for={`rp-${key}`}>{t(`report.${key}`)}</label>
        <textarea
          id={`rp-${key}`}
          rows={rows}
          value={header[key]}
          aria-invalid={wrong.has(part)}
          aria-describedby={`rp-${key}-hint`}
          onInput={(e) => setField(key, e.currentTarget.value)}
        />
        <p class="hint" id={`rp-${key}-hint`}>
          {t(`report.${key}Hint`)}
        </p>
        {partError(part)}
      </div>
    );
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

  return (
    <form
      class="report-form"
      data-testid="report-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void download('docx');
      }}
    >
      <h1>{t('report.title')}</h1>
      <p class="hint">{t('report.lead')}</p>

      <fieldset class="field report-period" aria-describedby={described('period')}>
        <legend>{t('report.period')}</legend>
        <div class="report-year">
          <label for="rp-year">{t('report.year')}</label>
          <select
            id="rp-year"
            data-testid="report-year"
            value={String(year)}
            onChange={(e) => chooseYear(Number(e.currentTarget.value))}
          >
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div class="segmented">
          {PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              data-testid="report-preset"
              data-preset={preset}
              aria-pressed={active?.preset === preset && active.year === year}
              onClick={() => choosePreset(preset)}
            >
              {t(`report.presets.${preset}`)}
            </button>
          ))}
        </div>
        <p class="report-range" data-testid="report-range">
          {periodValid
            ? t('report.range', {
                from: formatDate(period.from),
                to: formatDate(period.to),
                count: daysIn(period),
              })
            : t('report.noRange')}
        </p>
        <details class="report-dates">
          <summary>{t('report.otherDates')}</summary>
          <div class="field-row">
            {(['from', 'to'] as const).map((end) => (
              <div class="field" key={end}>
                <label for={`rp-${end}`}>{t(`report.${end}`)}</label>
                <input
                  id={`rp-${end}`}
                  type="date"
                  data-testid={`report-${end}`}
                  value={period[end]}
                  aria-invalid={wrong.has('period')}
                  onInput={(e) => setPeriod({ ...period, [end]: e.currentTarget.value })}
                />
              </div>
            ))}
          </div>
        </details>
        {!periodValid && period.from !== '' && period.to !== '' && (
          <p class="field-error">{t('report.errors.period')}</p>
        )}
        {partError('period')}
      </fieldset>

      <div class="report-unit">
        <UnitSelect
          id="rp-unit"
          label={t('report.unit')}
          testId="report-unit"
          action="reports.read"
          value={unitId}
          onChange={setUnitId}
        />
        {partError('unitId')}
      </div>

      {drafting && (
        <p class="hint" role="status" data-testid="report-drafting">
          {t('report.drafting')}
        </p>
      )}
      {draftError && (
        <p class="alert" role="alert">
          {draftError}{' '}
          <button type="button" class="btn" onClick={() => setDraftAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </p>
      )}

      {header && (
        <div class="staff-columns">
          <section>
            <h2>{t('report.document')}</h2>
            {text('number', 'number', { hint: t('report.numberHint'), testId: 'report-number' })}
            <div class="field-row">
              {text('place', 'place')}
              <div class="field">
                <label for="rp-signedOn">{t('report.signedOn')}</label>
                <input
                  id="rp-signedOn"
                  type="date"
                  value={header.signedOn}
                  aria-invalid={wrong.has('signedOn')}
                  onInput={(e) => setField('signedOn', e.currentTarget.value)}
                />
                {header.signedOn && <p class="hint">{formatDate(header.signedOn)}</p>}
                {partError('signedOn')}
              </div>
            </div>
            {text('issuerParent', null)}
            {text('issuerBody', 'issuer')}
            {lines('signerTitle', 'signer', 2)}
            {text('signerName', null, { hint: t('report.signerNameHint') })}
            {lines('recipients', 'recipients', 4)}
          </section>
          <section>
            <h2>{t('report.narrative')}</h2>
            <p class="hint">{t('report.narrativeHint')}</p>
            {pending && (
              <div class="report-replace" role="alertdialog" aria-label={t('report.replaceLabel')}>
                <p>{t('report.replaceQuestion')}</p>
                <button
                  type="button"
                  class="btn btn-primary"
                  data-testid="report-replace"
                  onClick={() => {
                    setSections(pending);
                    setPending(null);
                  }}
                >
                  {t('report.replaceYes')}
                </button>{' '}
                <button type="button" class="btn" data-testid="report-keep" onClick={() => setPending(null)}>
                  {t('report.keep')}
                </button>
              </div>
            )}
            {sections &&
              SECTION_KEYS.map((key) => (
                <div class="field" key={key}>
                  <label for={`rp-${key}`}>{t(`report.sections.${key}`)}</label>
                  <textarea
                    id={`rp-${key}`}
                    data-testid="report-section"
                    data-section={key}
                    rows={key === 'evaluation' ? 10 : 5}
                    value={sections[key]}
                    aria-invalid={wrong.has(key)}
                    aria-describedby={described(key)}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setSections((shown) => (shown ? { ...shown, [key]: value } : shown));
                    }}
                  />
                  {partError(key)}
                </div>
              ))}
          </section>
        </div>
      )}

      <section class="report-downloads" aria-labelledby="rp-downloads">
        <h2 id="rp-downloads">{t('report.downloads')}</h2>
        <p class="hint">{t('report.formats')}</p>
        <div class="staff-actions">
          {REPORT_FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              class={format === 'docx' ? 'btn btn-primary' : 'btn'}
              data-testid="report-download"
              data-format={format}
              disabled={progress !== null || !header || !sections || pending !== null}
              onClick={() => void download(format)}
            >
              {t(`report.download.${format}`)}
            </button>
          ))}
        </div>
        {progress && (
          <div class="report-progress" role="status" data-testid="report-progress">
            <progress aria-label={t('report.generating')} />
            <p>
              {progress.received === 0
                ? t('report.generating')
                : t('report.received', {
                    format: progress.format.toUpperCase(),
                    size: sizeText(progress.received),
                  })}
            </p>
          </div>
        )}
        {error && (
          <p class="alert alert-strong" role="alert" data-testid="report-error">
            {error}
          </p>
        )}
        {done && (
          <p class="staff-flash" role="status" data-testid="report-done">
            {done}
          </p>
        )}
      </section>
    </form>
  );
}
