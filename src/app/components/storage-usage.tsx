import { useState } from 'preact/hooks';
import { dataUsage, estimateStorage } from '../../client/db/storage.ts';
import { requestPersistentStorage } from '../../client/pwa/register.ts';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { dataVersion } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';

const UNITS = [
  { unit: 'gigabyte', size: 1e9 },
  { unit: 'megabyte', size: 1e6 },
  { unit: 'kilobyte', size: 1e3 },
] as const;

/** A byte count in the largest decimal unit it reaches (as phones show storage), e.g. "12,3 MB". */
export function formatBytes(bytes: number, lang: string): string {
  const step = UNITS.find(({ size }) => bytes >= size);
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: step?.unit ?? 'byte',
    maximumFractionDigits: step && step.size >= 1e6 ? 1 : 0,
  }).format(bytes / (step?.size ?? 1));
}

/**
 * The More screen's storage section: what bulletins and recordings occupy, what the browser counts against its
 * quota, and whether storage is persistent (with the request button when it is not).
 */
export function StorageUsage() {
  const t = useT('more');
  const lang = uiLanguage.value;
  const version = dataVersion.value;
  const [asked, setAsked] = useState(0);
  const estimate = useLoad(estimateStorage, [asked, version]);
  const data = useLoad(() => dataUsage(db), [version]);
  const e = estimate.data;
  const d = data.data;
  const size = (bytes: number) => formatBytes(bytes, lang);
  const percent = e?.usage != null && e.quota ? Math.min(100, (e.usage / e.quota) * 100) : null;
  return (
    <section data-testid="storage-usage">
      <h2>{t('storage.title')}</h2>
      {e && (
        <p data-testid="storage-persisted" data-persisted={String(e.persisted)}>
          {e.persisted === null
            ? t('storage.unknown')
            : e.persisted
              ? t('storage.persisted')
              : t('storage.notPersisted')}
        </p>
      )}
      {e?.persisted === false && (
        <button
          type="button"
          class="btn btn-wide"
          onClick={() => void requestPersistentStorage().then(() => setAsked((n) => n + 1))}
        >
          {t('storage.request')}
        </button>
      )}
      {data.failed && <p class="alert">{t('storage.readError')}</p>}
      {d && (
        <dl class="facts storage-figures">
          <dt>{t('storage.bulletins')}</dt>
          <dd data-testid="storage-bulletins">{size(d.bulletinBytes)}</dd>
          <dt>{t('storage.recordings')}</dt>
          <dd data-testid="storage-recordings" data-bytes={d.recordings.bytes}>
            {t('storage.files', { count: d.recordings.count, size: size(d.recordings.bytes) })}
          </dd>
          <dt>{t('storage.photos')}</dt>
          <dd data-testid="storage-photos">
            {t('storage.files', { count: d.photos.count, size: size(d.photos.bytes) })}
          </dd>
          {e?.appFileBytes != null && (
            <>
              <dt>{t('storage.appFiles')}</dt>
              <dd>{size(e.appFileBytes)}</dd>
            </>
          )}
        </dl>
      )}
      {e?.usage != null && e.quota != null && percent !== null && (
        <>
          <p data-testid="storage-total">
            {t('storage.usage', { used: size(e.usage), quota: size(e.quota) })}
          </p>
          <div
            class="usage-bar"
            role="meter"
            aria-label={t('storage.usageBar')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(percent)}
            aria-valuetext={`${Math.round(percent)} %`}
          >
            <span class="usage-bar-fill" style={{ width: `${Math.max(percent, 1)}%` }} />
          </div>
        </>
      )}
      <p class="hint">{t('storage.approx')}</p>
    </section>
  );
}
