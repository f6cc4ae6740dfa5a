import { version } from '../../../package.json';
import { DeviceInfo } from '../components/device-info.tsx';
import { LoggingSettings } from '../components/logging-settings.tsx';
import { OfflineVoiceSettings } from '../components/offline-voice-settings.tsx';
import { StorageUsage } from '../components/storage-usage.tsx';
import { UnitSetting } from '../components/unit-setting.tsx';
import { UI_LANGUAGES, setUiLanguage, uiLanguage, useT } from '../i18n/i18n.ts';
import { installApp } from '../shell-state.ts';
import { useTitle } from '../use-title.ts';

/** Settings and facts about this device: interface language, storage persistence, app version. */
export function MoreScreen() {
  const t = useT('more');
  const lang = uiLanguage.value;
  useTitle(t('title'));
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
              onClick={() => void setUiLanguage(code)}
            >
              {name}
            </button>
          ))}
        </div>
      </section>
      <DeviceInfo />
      <UnitSetting />
      <LoggingSettings />
      <OfflineVoiceSettings />
      <StorageUsage />
      <section>
        <h2>{t('staff.title')}</h2>
        <p>{t('staff.text')}</p>
        <p>
          <a href="/staff" data-testid="staff-link">
            {t('staff.link')}
          </a>
        </p>
      </section>
      <section>
        <h2>{t('version')}</h2>
        <p>LoaXa {version}</p>
      </section>
    </>
  );
}
