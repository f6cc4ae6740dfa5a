import { useState } from 'preact/hooks';
import { getAttachmentBlob } from '../../client/db/attachment-repository.ts';
import { getBulletinDetail, type BulletinDetail } from '../../client/db/bulletin-repository.ts';
import { listLogsForBulletin } from '../../client/db/log-repository.ts';
import { draftPlayback } from '../../client/logs/drafts.ts';
import type { EngineKind, PlaybackResult } from '../../client/speech/engine.ts';
import { airingProgress, VIETNAM_TIME_ZONE, type AiringProgress } from '../../domain/airing.ts';
import { formatDate, formatDateTimeSeconds, formatDuration } from '../../domain/dates.ts';
import { findLanguage, VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import type { AiringRequirement, Bulletin } from '../../domain/schemas/bulletin.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import { UrgentBadge } from '../components/bulletin-list.tsx';
import { useLanguageName } from '../components/language-name.ts';
import { languageTabId, LanguageTabs } from '../components/language-tabs.tsx';
import { usePlayerFocus } from '../components/player-focus.ts';
import { PendingDrafts } from '../components/log-draft.tsx';
import { db } from '../db.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { lazyScreen } from '../lazy-screen.tsx';
import { dataVersion } from '../sync-state.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';

// The player brings the speech engines and the editor the recorder: both load when a reader first needs them.
const SlotPlayer = lazyScreen(() => import('../components/slot-player.tsx').then((m) => m.SlotPlayer));
const SlotEditor = lazyScreen(() => import('../components/slot-editor.tsx').then((m) => m.SlotEditor));

const PANEL_ID = 'language-panel';

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

function AiringText({ airing }: { airing: AiringRequirement | null }) {
  const t = useT('bulletins');
  if (!airing) return <>{t('reader.airingNone')}</>;
  const { times, perDays, untilDate } = airing;
  if (untilDate === null) return <>{t('reader.airingEvery', { times, perDays })}</>;
  return <>{t('reader.airingUntil', { times, perDays, date: formatDate(untilDate) })}</>;
}

/** "Đã phát 1/3 lần tuần này · Còn 2 lần", or why nothing is counted (not started, ended). */
function ProgressText({ progress }: { progress: AiringProgress }) {
  const t = useT('bulletins');
  const { label, aired, required, remaining } = progress;
  if (label === 'ended') return <>{t('reader.progress.ended')}</>;
  if (label === 'upcoming')
    return <>{t('reader.progress.upcoming', { from: formatDate(progress.firstDay) })}</>;
  const from = formatDate(progress.firstDay);
  const until = formatDate(progress.lastDay);
  return (
    <>
      {t(`reader.progress.${label}`, { aired, required, from, until })}
      {' · '}
      <strong>
        {remaining > 0 ? t('reader.progress.remaining', { remaining }) : t('reader.progress.met')}
      </strong>
    </>
  );
}

/**
 * The text shown under one language tab: the original for Vietnamese, an approved translation otherwise. While
 * a voice reads it the player shows it with the sentence highlighted, so only the notes around it stay here.
 */
function LanguageText({
  detail,
  lang,
  readAlong,
}: {
  detail: BulletinDetail;
  lang: LanguageCode;
  readAlong: boolean;
}) {
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
        {!readAlong && <Paragraphs text={bulletin.body} lang="vi" />}
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
      {!readAlong && <Paragraphs text={slot.text} lang={findLanguage(lang)?.bcp47} />}
    </>
  );
}

/** The player of one language, once the slot's recording (if any) is read from the device. */
function Player({
  bulletin,
  lang,
  slot,
  onRecordRequest,
  onPlayed,
  onReadAlong,
}: {
  bulletin: Bulletin;
  lang: LanguageCode;
  slot: LanguageSlot | undefined;
  onRecordRequest: () => void;
  onPlayed: (result: PlaybackResult, source: EngineKind) => void;
  /** The language whose text the player shows with the sentence being read highlighted, null when none. */
  onReadAlong: (lang: LanguageCode | null) => void;
}) {
  const tc = useT('common');
  const audioId = slot?.audioId ?? null;
  const audio = useLoad(
    async () => (audioId === null ? null : ((await getAttachmentBlob(db, audioId)) ?? null)),
    [audioId],
  );
  if (!audio.done) return <p>{tc('loading')}</p>;
  return (
    <SlotPlayer
      bulletin={bulletin}
      lang={lang}
      slot={slot}
      text={lang === VIETNAMESE ? bulletin.body : (slot?.text ?? '')}
      audio={audio.data ?? null}
      onRecordRequest={onRecordRequest}
      onPlayed={onPlayed}
      onProgress={(progress) => onReadAlong(progress === null ? null : lang)}
    />
  );
}

function Reader({ detail, onSlotSaved }: { detail: BulletinDetail; onSlotSaved: () => void }) {
  const t = useT('bulletins');
  const tl = useT('logs');
  const [lang, setLang] = useState<LanguageCode>(VIETNAMESE);
  const [editing, setEditing] = useState(false);
  const [played, setPlayed] = useState(0);
  const [drafted, setDrafted] = useState(0);
  // A playback whose draft could not be stored: its measured times are shown so it can be logged by hand.
  const [unsaved, setUnsaved] = useState<PlaybackResult | null>(null);
  // While a voice reads the text, the player shows it with the current sentence highlighted, in place of ours.
  // Kept with its language: a playback stopped by leaving its tab reports its last progress after the switch.
  const [readAlong, setReadAlong] = useState<LanguageCode | null>(null);
  const { bulletin } = detail;
  const version = dataVersion.value;
  const logs = useLoad(() => listLogsForBulletin(db, bulletin.id), [bulletin.id, played, version]);
  const progress = logs.data ? airingProgress(bulletin, logs.data, new Date()) : null;
  const slot = detail.slots[lang];
  usePlayerFocus(PANEL_ID);
  const onPlayed = (result: PlaybackResult, source: EngineKind) => {
    setPlayed((n) => n + 1);
    draftPlayback(db, { playback: result, voice: source, bulletin, lang }).then(
      (draft) => draft && setDrafted((n) => n + 1),
      (error: unknown) => {
        console.error(error);
        setUnsaved(result);
      },
    );
  };
  const openEditor = () => {
    setEditing(true);
    requestAnimationFrame(() => document.getElementById('slot-editor')?.scrollIntoView({ block: 'start' }));
  };
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
        <dd data-testid="airing-requirement">
          <AiringText airing={bulletin.airing} />
        </dd>
        {progress && (
          <>
            <dt>{t('reader.progress.label')}</dt>
            <dd
              class="progress"
              data-testid="airing-progress"
              data-label={progress.label}
              data-aired={progress.aired}
              data-required={progress.required}
            >
              <ProgressText progress={progress} />
            </dd>
          </>
        )}
      </dl>
      <LanguageTabs
        languages={detail.languages}
        slots={detail.slots}
        selected={lang}
        panelId={PANEL_ID}
        onSelect={(code) => {
          setLang(code);
          setEditing(false);
          setReadAlong(null);
        }}
      />
      <section class="panel" id={PANEL_ID} role="tabpanel" aria-labelledby={languageTabId(lang)}>
        <Player
          key={`${lang}:${slot?.audioId ?? ''}`}
          bulletin={bulletin}
          lang={lang}
          slot={slot}
          onRecordRequest={openEditor}
          onPlayed={onPlayed}
          onReadAlong={setReadAlong}
        />
        {unsaved && (
          <p class="alert" role="alert" data-testid="draft-failed">
            {tl('draft.draftFailed', {
              time: formatDateTimeSeconds(unsaved.startedAt, VIETNAM_TIME_ZONE),
              duration: formatDuration(
                Date.parse(unsaved.endedAt) - Date.parse(unsaved.startedAt),
                uiLanguage.value,
              ),
            })}
          </p>
        )}
        <PendingDrafts bulletinId={bulletin.id} refresh={drafted} onLogged={() => setPlayed((n) => n + 1)} />
        <p>
          <a href={`/logs/new?bulletin=${encodeURIComponent(bulletin.id)}`} data-testid="log-manual">
            {tl('draft.manual')}
          </a>
        </p>
        {lang !== VIETNAMESE && (
          <button
            type="button"
            class="btn btn-wide"
            data-testid="edit-slot"
            aria-expanded={editing}
            aria-controls="slot-editor"
            onClick={() => (editing ? setEditing(false) : openEditor())}
          >
            {editing ? t('reader.closeEditor') : t('reader.edit')}
          </button>
        )}
        {editing && lang !== VIETNAMESE && (
          <div id="slot-editor">
            <SlotEditor key={lang} bulletin={bulletin} lang={lang} slot={slot} onSaved={onSlotSaved} />
          </div>
        )}
        <LanguageText detail={detail} lang={lang} readAlong={readAlong === lang} />
      </section>
    </article>
  );
}

/** One bulletin, large and readable, with its airing progress, language tabs, player and slot editor. */
export function BulletinReaderScreen({ id }: { id: string }) {
  const t = useT('bulletins');
  const tc = useT('common');
  const version = dataVersion.value;
  const [saved, setSaved] = useState(0);
  const detail = useLoad(() => getBulletinDetail(db, id), [id, version, saved]);
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
        <Reader key={id} detail={detail.data} onSlotSaved={() => setSaved((n) => n + 1)} />
      ) : (
        <p class="empty">{t('reader.notFound')}</p>
      )}
    </>
  );
}
