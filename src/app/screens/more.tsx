import { useState } from 'preact/hooks';
import { version } from '../../../package.json';
import { requestPersistentStorage } from '../../client/pwa/register.ts';
import { UI_LANGUAGES, setUiLanguage, uiLanguage, useT } from '../i18n/i18n.ts';
import { installApp } from '../shell-state.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

interface StorageState {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

async function readStorage(): Promise<StorageState> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persisted) return { persisted: null, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate()]);
  return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}

function byteSize(bytes: number, lang: string): string {
  const giga = bytes >= 1e9;
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: giga ? 'gigabyte' : 'megabyte',
    maximumFractionDigits: 1,
  }).format(bytes / (giga ? 1e9 : 1e6));
}

/** Settings and facts about this device: interface language, storage persistence, app version. */
export function MoreScreen() {
  const t = useT('more');
  const lang = uiLanguage.value;
  const [asked, setAsked] = useState(0);
  const storage = useLoad(readStorage, [asked]);
  useTitle(t('title'));
  const s = storage.data;
  const install = installApp.value;
  return (
    <>
      <h1>{t('title')}</h1>
      {install && (
        <section>
          <h2>{t('install.title')}</h2>
          <p>{t('install.text')}</p>
          <button
            type="button"
            class="btn btn-primary btn-wide"
            data-testid="install-app"
            onClick={() => void install()}
          >
            {t('install.button')}
          </button>
        </section>
      )}
      <section>
        <h2>{t('language')}</h2>
        <div class="segmented" role="group" aria-label={t('language')}>
          {UI_LANGUAGES.map(({ code, name }) => (
            <button
              key={code}
              type="button"
              lang={code}
              data-testid={`lang-${code}`}
              aria-pressed={lang === code}
              onClick={() => setUiLanguage(code)}
            >
              {name}
            </button>
          ))}
        </div>
      </section>
      <section>
        <h2>{t('storage.title')}</h2>
        {s && (
          <>
            <p>
              {s.persisted === null
                ? t('storage.unknown')
                : s.persisted
                  ? t('storage.persisted')
                  : t('storage.notPersisted')}
            </p>
            {s.usage !== null && s.quota !== null && (
              <p class="hint">
                {t('storage.usage', { used: byteSize(s.usage, lang), quota: byteSize(s.quota, lang) })}
              </p>
            )}
            {s.persisted === false && (
              <button
                type="button"
                class="btn"
                onClick={() => void requestPersistentStorage().then(() => setAsked((n) => n + 1))}
              >
                {t('storage.request')}
              </button>
            )}
          </>
        )}
      </section>
      <section>
        <h2>{t('version')}</h2>
        <p>LoaXa {version}</p>
      </section>
    </>
  );
}
