import { useState } from 'preact/hooks';
import { getBulletinDetail, type BulletinDetail } from '../../client/db/bulletin-repository.ts';
import { formatDate } from '../../domain/dates.ts';
import { findLanguage, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import type { AiringRequirement } from '../../domain/schemas/bulletin.ts';
import { UrgentBadge } from '../components/bulletin-list.tsx';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { dataVersion } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

/** Plain-text paragraphs are separated by blank lines; single line breaks are kept by CSS. */
function Paragraphs({ text, lang }: { text: string; lang: string | undefined }) {
  return (
    <div class="prose" lang={lang}>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p, i) => (
          <p key={i}>{p.trim()}</p>
        ))}
    </div>
  );
}

function useLanguageName(): (code: LanguageCode) => string {
  const en = uiLanguage.value === 'en';
  return (code) => {
    const lang = findLanguage(code);
    return lang ? (en ? lang.nameEn : lang.nameVi) : code;
  };
}

function AiringText({ airing }: { airing: AiringRequirement | null }) {
  const t = useT('bulletins');
  if (!airing) return <>{t('reader.airingNone')}</>;
  const { times, perDays, untilDate } = airing;
  if (untilDate === null) return <>{t('reader.airingEvery', { times, perDays })}</>;
  return <>{t('reader.airingUntil', { times, perDays, date: formatDate(untilDate) })}</>;
}

/** The text shown under one language tab: the original for Vietnamese, an approved translation otherwise. */
function LanguagePanel({ detail, lang }: { detail: BulletinDetail; lang: LanguageCode }) {
  const t = useT('bulletins');
  const nameOf = useLanguageName();
  const { bulletin } = detail;
  if (lang === VIETNAMESE) {
    return (
      <>
        {bulletin.summary && (
          <p class="summary" lang="vi">
            {bulletin.summary}
          </p>
        )}
        <Paragraphs text={bulletin.body} lang="vi" />
      </>
    );
  }
  const slot = detail.slots[lang];
  if (!slot) return <p class="empty">{t('reader.missingHelp', { language: nameOf(lang) })}</p>;
  if (slot.status !== 'approved') {
    return <p class="empty">{t('reader.notApproved', { language: nameOf(lang) })}</p>;
  }
  return (
    <>
      {slot.bulletinVersion < bulletin.version && (
        <p class="alert">{t('reader.stale', { version: slot.bulletinVersion })}</p>
      )}
      {slot.translator && <p class="hint">{t('reader.translator', { name: slot.translator })}</p>}
      <Paragraphs text={slot.text} lang={findLanguage(lang)?.bcp47} />
    </>
  );
}

/** Status of a language tab: Vietnamese is the original, other languages show their slot's status. */
function tabStatus(detail: BulletinDetail, lang: LanguageCode) {
  if (lang === VIETNAMESE && !detail.slots[lang]) return 'original' as const;
  return detail.slots[lang]?.status ?? 'missing';
}

function Reader({ detail }: { detail: BulletinDetail }) {
  const t = useT('bulletins');
  const nameOf = useLanguageName();
  const [lang, setLang] = useState<LanguageCode>(VIETNAMESE);
  const { bulletin } = detail;
  return (
    <article class="reader" data-testid="bulletin-reader">
      {bulletin.status !== 'published' && (
        <p class="alert alert-strong" role="alert">
          {t('reader.withdrawn')}
        </p>
      )}
      {bulletin.urgency === 'urgent' && <UrgentBadge />}
      <h1 lang="vi">{bulletin.title}</h1>
      <dl class="facts" aria-label={t('reader.facts')}>
        <dt>{t('reader.topic')}</dt>
        <dd>{t(`topics.${bulletin.topic}`)}</dd>
        {bulletin.policyRef && (
          <>
            <dt>{t('reader.policyRef')}</dt>
            <dd>{bulletin.policyRef}</dd>
          </>
        )}
        <dt>{t('reader.issuer')}</dt>
        <dd>{bulletin.issuer}</dd>
        <dt>{t('reader.validity')}</dt>
        <dd>
          {bulletin.validUntil === null
            ? t('reader.validOpen', { from: formatDate(bulletin.validFrom) })
            : t('reader.validRange', {
                from: formatDate(bulletin.validFrom),
                until: formatDate(bulletin.validUntil),
              })}
        </dd>
        <dt>{t('reader.airing')}</dt>
        <dd>
          <AiringText airing={bulletin.airing} />
        </dd>
      </dl>
      <div class="tabs" role="group" aria-label={t('reader.languages')}>
        {detail.languages.map((code) => {
          const status = tabStatus(detail, code);
          return (
            <button
              key={code}
              type="button"
              aria-pressed={code === lang}
              aria-controls="language-panel"
              class={`tab tab-${status}`}
              onClick={() => setLang(code)}
            >
              <span class="tab-name">{nameOf(code)}</span>
              <span class="tab-status">
                {status === 'original' ? t('reader.original') : t(`reader.slotStatus.${status}`)}
              </span>
            </button>
          );
        })}
      </div>
      <section class="panel" id="language-panel" aria-label={nameOf(lang)}>
        <LanguagePanel detail={detail} lang={lang} />
      </section>
    </article>
  );
}

/** One bulletin, large and readable, with its language tabs. */
export function BulletinReaderScreen({ id }: { id: string }) {
  const t = useT('bulletins');
  const tc = useT('common');
  const version = dataVersion.value;
  const detail = useLoad(() => getBulletinDetail(db, id), [id, version]);
  useTitle(detail.data?.bulletin.title ?? t('title'));
  return (
    <>
      <a class="back" href="/bulletins">
        <span aria-hidden="true">← </span>
        {t('reader.back')}
      </a>
      {detail.failed ? (
        <p class="alert">{tc('readError')}</p>
      ) : !detail.done ? (
        <p>{tc('loading')}</p>
      ) : detail.data ? (
        <Reader key={id} detail={detail.data} />
      ) : (
        <p class="empty">{t('reader.notFound')}</p>
      )}
    </>
  );
}
