import { useState } from 'preact/hooks';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_ACTOR_KINDS,
  type AuditAction,
  type AuditActorKind,
  type AuditEntry,
  type AuditVerification,
} from '../../domain/audit.ts';
import { formatDate, formatDateTimeSeconds } from '../../domain/dates.ts';
import { listAudit, queryString, verifyAudit } from '../../client/staff/staff-api.ts';
import { useT } from '../i18n/i18n.ts';
import { useTitle } from '../use-title.ts';
import { unitsById } from './session.ts';
import { useErrorText } from './staff-i18n.ts';
import { UnitSelect } from './unit-select.tsx';
import { FilterSelect, PagedList } from './paged-list.tsx';
import { usePages } from './use-pages.ts';

const PAGE = 30;

/** Fields the trail names in words; any other is shown by its name. */
const NAMED_FIELDS = [
  'id',
  'updatedAt',
  'enrolledAt',
  'lastSeenAt',
  'lastSignInAt',
  'title',
  'summary',
  'body',
  'status',
  'version',
  'targetUnitIds',
  'validFrom',
  'validUntil',
  'urgency',
  'name',
  'level',
  'parentId',
  'languages',
  'code',
  'unitId',
  'role',
  'login',
  'displayName',
  'disabledAt',
  'mustChangePassword',
  'password',
  'label',
  'revokedAt',
  'expiresAt',
  'accepted',
  'duplicate',
  'rejected',
  'seqRange',
  'format',
  'from',
  'to',
  'backupCreatedAt',
] as const;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The field's name in words, where the trail has one. */
function useFieldName(): (field: string) => string {
  const t = useT('staff');
  return (field) => {
    const named = NAMED_FIELDS.find((known) => known === field);
    return named === undefined ? field : t(`audit.fields.${named}`);
  };
}

/**
 * A value as people read it: times and dates as dd/mm/yyyy in Vietnam time, units by name, yes or no, lists
 * joined; long text cut so rows stay short.
 */
function useValueText(): (value: unknown) => string {
  const t = useT('staff');
  const text = (value: unknown): string => {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
    if (Array.isArray(value)) return value.map(text).join(', ');
    if (typeof value === 'string') {
      if (TIMESTAMP.test(value)) return formatDateTimeSeconds(value, VIETNAM_TIME_ZONE);
      if (DATE.test(value)) return formatDate(value);
      return unitsById.value.get(value)?.name ?? value;
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  return (value) => {
    const shown = text(value);
    return shown.length > 140 ? `${shown.slice(0, 140)}…` : shown;
  };
}

/** The fields an entry changed, each with its value before (when there was one) and after. */
function ChangedValues({ entry }: { entry: AuditEntry }) {
  const t = useT('staff');
  const fieldName = useFieldName();
  const shown = useValueText();
  const before = (entry.before === null ? {} : JSON.parse(entry.before)) as Record<string, unknown>;
  const after = (entry.after === null ? {} : JSON.parse(entry.after)) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (fields.length === 0) return null;
  return (
    <dl class="audit-values">
      {fields.map((field) => (
        <div key={field}>
          <dt>{fieldName(field)}</dt>
          <dd>
            {field in before && (
              <span class="audit-before">
                {t('audit.before')}: {shown(before[field])}
              </span>
            )}
            {field in after && (
              <span class="audit-after">
                {t('audit.after')}: {shown(after[field])}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const t = useT('staff');
  const units = entry.unitIds.flatMap((id) => unitsById.value.get(id)?.name ?? []);
  return (
    <li class="staff-row" data-testid="audit-row" data-action={entry.action}>
      <p class="item-title">{t(`audit.actions.${entry.action}`)}</p>
      <p class="item-meta">
        {formatDateTimeSeconds(entry.at, VIETNAM_TIME_ZONE)} ·{' '}
        {t('audit.by', { kind: t(`audit.actorKinds.${entry.actorKind}`), name: entry.actorName })}
        {units.length > 0 && ` · ${units.join(', ')}`}
      </p>
      <ChangedValues entry={entry} />
    </li>
  );
}

/** The result of checking the chain, in words. */
function VerificationResult({ result }: { result: AuditVerification }) {
  const t = useT('staff');
  return result.ok ? (
    <p class="staff-flash" role="status" data-testid="audit-verified">
      ✓ {t('audit.verifiedOk', { count: result.checked })}
    </p>
  ) : (
    <p class="alert" role="alert" data-testid="audit-broken">
      {t('audit.verifiedBroken', { seq: result.seq, problem: t(`audit.problems.${result.problem}`) })}
    </p>
  );
}

/**
 * The audit trail of the subtree: every change by staff and devices, newest first, filtered by unit, action,
 * kind of actor, actor name and dates; exported as CSV with the same filters; and the chain checked on demand.
 */
export function AuditScreen() {
  const t = useT('staff');
  const errorText = useErrorText();
  useTitle(t('audit.title'));
  const [unitId, setUnitId] = useState('');
  const [action, setAction] = useState<AuditAction | ''>('');
  const [actorKind, setActorKind] = useState<AuditActorKind | ''>('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [verification, setVerification] = useState<AuditVerification | 'checking' | null>(null);
  const filters = { unitId, action, actorKind, actor: actor.trim(), from, to };
  const pages = usePages(
    async (before: number | undefined) => {
      const page = await listAudit({ ...filters, limit: PAGE, before });
      return { items: page.entries, next: page.next };
    },
    [unitId, action, actorKind, actor, from, to],
  );
  const [checkError, setCheckError] = useState<string | null>(null);
  const check = async () => {
    setVerification('checking');
    setCheckError(null);
    try {
      setVerification(await verifyAudit());
    } catch (failure) {
      setVerification(null);
      setCheckError(errorText(failure));
    }
  };
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <div class="staff-filters">
        <UnitSelect
          id="audit-unit"
          label={t('logs.unit')}
          testId="audit-unit"
          action="audit.read"
          value={unitId}
          onChange={setUnitId}
          allLabel={t('logs.allUnits')}
        />
        <FilterSelect
          id="audit-action"
          label={t('audit.filterAction')}
          value={action}
          allLabel={t('audit.allActions')}
          options={AUDIT_ACTIONS.map((value) => ({ value, label: t(`audit.actions.${value}`) }))}
          onChange={setAction}
        />
        <FilterSelect
          id="audit-actor-kind"
          label={t('audit.filterActorKind')}
          value={actorKind}
          allLabel={t('audit.allActors')}
          options={AUDIT_ACTOR_KINDS.map((value) => ({ value, label: t(`audit.actorKinds.${value}`) }))}
          onChange={setActorKind}
        />
        <div class="field">
          <label for="audit-actor">{t('audit.filterActor')}</label>
          <input
            id="audit-actor"
            type="search"
            value={actor}
            maxLength={100}
            onChange={(e) => setActor(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </div>
      </div>
      <p class="staff-actions">
        <a
          class="btn"
          data-testid="audit-export"
          href={`/api/audit/export.csv?${queryString(filters)}`}
          download="nhat-ky-thay-doi.csv"
        >
          {t('audit.exportCsv')}
        </a>{' '}
        <button
          type="button"
          class="btn"
          data-testid="audit-verify"
          disabled={verification === 'checking'}
          onClick={() => void check()}
        >
          {verification === 'checking' ? t('audit.verifying') : t('audit.verify')}
        </button>
      </p>
      {verification !== null && verification !== 'checking' && <VerificationResult result={verification} />}
      {checkError && (
        <p class="alert" role="alert">
          {checkError}
        </p>
      )}
      <PagedList pages={pages} empty={t('audit.none')} moreLabel={t('audit.more')} moreTestId="audit-more">
        <ul class="staff-list">
          {pages.items.map((entry) => (
            <AuditRow key={entry.seq} entry={entry} />
          ))}
        </ul>
      </PagedList>
    </>
  );
}
