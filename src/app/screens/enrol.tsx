import { useState } from 'preact/hooks';
import { getDeviceSettings } from '../../client/db/settings-repository.ts';
import { enrolDevice } from '../../client/sync/enrol.ts';
import type { SyncError } from '../../client/sync/transport.ts';
import { normalizePairingCode } from '../../domain/accounts.ts';
import { VietnameseVoiceOffer } from '../components/voice-offer.tsx';
import { TextField } from '../components/text-field.tsx';
import { db } from '../db.ts';
import { tidyPairingCode } from '../pairing-code.ts';
import { useT } from '../i18n/i18n.ts';
import { navigate } from '../router.ts';
import { online } from '../shell-state.ts';
import { syncNow } from '../sync-state.ts';
import { syncStatus } from '../sync-status.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

type Problem =
  | 'format'
  | 'label'
  | 'unknown'
  | 'expired'
  | 'used'
  | 'deviceExists'
  | 'offline'
  | 'network'
  | 'tooMany'
  | 'storage'
  | 'other';

const PROBLEM_OF_CODE: Record<string, Problem> = {
  pairing_code_unknown: 'unknown',
  pairing_code_expired: 'expired',
  pairing_code_used: 'used',
  device_exists: 'deviceExists',
  too_many_attempts: 'tooMany',
  invalid_request: 'format',
};

function problemOf(error: SyncError): Problem {
  if (error.kind === 'network') return navigator.onLine ? 'network' : 'offline';
  if (error.kind === 'storage') return 'storage';
  if (error.kind === 'invalid' && error.detail === 'pairing_code') return 'format';
  if (error.kind === 'http') return PROBLEM_OF_CODE[error.code ?? ''] ?? 'other';
  return 'other';
}

/** Phones say so in their user agent; anything else is the commune office's computer. */
function isPhone(): boolean {
  return /Android|iPhone|iPad|Mobile/i.test(navigator.userAgent);
}

function EnrolForm({ defaultLabel, already }: { defaultLabel: string; already: string | null }) {
  const t = useT('sync');
  const [code, setCode] = useState(() =>
    tidyPairingCode(new URLSearchParams(location.search).get('code') ?? ''),
  );
  const [label, setLabel] = useState(defaultLabel);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ kind: Problem; status?: number } | null>(null);

  const submit = async () => {
    const normalized = normalizePairingCode(code);
    if (normalized === undefined) return setProblem({ kind: 'format' });
    if (label.trim() === '') return setProblem({ kind: 'label' });
    setProblem(null);
    setBusy(true);
    try {
      const result = await enrolDevice(db, { code: normalized, label: label.trim() });
      if (!result.ok) {
        const { error } = result;
        return setProblem({
          kind: problemOf(error),
          status: error.kind === 'http' ? error.status : undefined,
        });
      }
      syncStatus.enrolment.value = 'enrolled';
      syncStatus.justEnrolled.value = { unit: result.unit.name, at: new Date().toISOString() };
      navigate('/sync');
      void syncNow();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="enrol-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {already && (
        <p class="hint" data-testid="enrol-already">
          {t('enrol.already', { unit: already })}
        </p>
      )}
      <TextField
        id="enrol-code"
        label={t('enrol.code')}
        hint={t('enrol.codeHint')}
        class="code-input"
        data-testid="enrol-code"
        value={code}
        autocomplete="one-time-code"
        autocapitalize="characters"
        spellcheck={false}
        enterkeyhint="next"
        maxLength={16}
        aria-invalid={problem?.kind === 'format' || undefined}
        onValue={(value) => setCode(tidyPairingCode(value))}
      />
      <TextField
        id="enrol-label"
        label={t('enrol.label')}
        hint={t('enrol.labelHint')}
        data-testid="enrol-label"
        value={label}
        maxLength={120}
        autocomplete="off"
        aria-invalid={problem?.kind === 'label' || undefined}
        onValue={setLabel}
      />
      {problem && (
        <p class="alert alert-strong" role="alert" data-testid="enrol-error" data-problem={problem.kind}>
          {t(`enrol.error.${problem.kind}`, { status: problem.status })}
        </p>
      )}
      {!online.value && !problem && <p class="alert">{t('enrol.error.offline')}</p>}
      <button
        type="submit"
        class="btn btn-primary btn-wide"
        data-testid="enrol-submit"
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? t('enrol.submitting') : t('enrol.submit')}
      </button>
    </form>
  );
}

/** Pairs the device with its commune using a one-time code from the district staff (/enrol?code=…). */
export function EnrolScreen() {
  const t = useT('sync');
  const tc = useT('common');
  useTitle(t('enrol.title'));
  const start = useLoad(async () => {
    const settings = await getDeviceSettings(db);
    const kind = isPhone() ? t('enrol.phone') : t('enrol.workstation');
    return {
      defaultLabel: settings.unit ? `${kind} – ${settings.unit.name}` : kind,
    };
  }, []);
  const device = syncStatus.device.value;
  const already = syncStatus.enrolment.value === 'enrolled' && device ? device.unitName : null;
  return (
    <>
      <h1>{t('enrol.title')}</h1>
      <p class="lead">{t('enrol.intro')}</p>
      {syncStatus.enrolment.value === 'revoked' && <p class="alert alert-strong">{t('error.revoked')}</p>}
      {start.failed && <p class="alert">{tc('readError')}</p>}
      {start.data ? (
        <EnrolForm defaultLabel={start.data.defaultLabel} already={already} />
      ) : (
        <p>{tc('loading')}</p>
      )}
      <VietnameseVoiceOffer />
    </>
  );
}
