import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { completionOf } from '../../domain/completion.ts';
import { formatDateTime, formatDuration } from '../../domain/dates.ts';
import type { LogChainStatus } from '../../domain/staff-api.ts';
import type { ReceivedLog } from '../../domain/sync.ts';
import { getBulletin, getLog, logPhotoUrl } from '../../client/staff/staff-api.ts';
import { useLanguageName } from '../components/language-name.ts';
import { uiLanguage, useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { LogBadges, LogTitle } from './logs.tsx';
import { unitsById } from './session.ts';
import { LoadState } from './load-state.tsx';

/** Decimal places of a coordinate shown: 5 is about a metre, finer than any phone's fix. */
const COORDINATE_DIGITS = 5;

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** How many passes were aired to the end, and whether the player measured it or the operator declared it. */
function Passes({ log }: { log: ReceivedLog }) {
  const t = useT('staff');
  const { passes, measured } = completionOf(log);
  if (passes === 0) return <>{t('logDetail.partial')}</>;
  const key = measured ? 'logDetail.passesMeasured' : 'logDetail.passesDeclared';
  return <>{t(key, { count: passes, repeats: log.repeats })}</>;
}

function Position({ log }: { log: ReceivedLog }) {
  const t = useT('staff');
  const { location } = log;
  if (!location) {
    return (
      <>
        {log.placeName && <p data-testid="log-detail-place">{log.placeName}</p>}
        <p>{t('logDetail.noPosition')}</p>
      </>
    );
  }
  const lat = location.lat.toFixed(COORDINATE_DIGITS);
  const lng = location.lng.toFixed(COORDINATE_DIGITS);
  return (
    <>
      <dl class="log-facts">
        {log.placeName && (
          <Fact label={t('logDetail.placeName')}>
            <span data-testid="log-detail-place">{log.placeName}</span>
          </Fact>
        )}
        <Fact label={t('logDetail.coordinates')}>
          <span data-testid="log-detail-coordinates">
            {lat}, {lng} ({t('logDetail.accuracy', { meters: Math.round(location.accuracyM) })})
          </span>
        </Fact>
      </dl>
      <p>
        <a
          href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`}
          rel="noopener"
        >
          {t('logDetail.map')}
        </a>
      </p>
    </>
  );
}

/** The log's photos from the server; one the device has not uploaded yet is said to be missing. */
function Photos({ log }: { log: ReceivedLog }) {
  const t = useT('staff');
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  if (log.photoIds.length === 0) return <p>{t('logDetail.noPhotos')}</p>;
  return (
    <ul class="log-photos">
      {log.photoIds.map((sha256, i) => {
        const n = i + 1;
        const url = logPhotoUrl(log.id, sha256);
        return (
          <li key={sha256}>
            {missing.has(sha256) ? (
              <p data-testid="log-photo-missing">{t('logDetail.photoMissing', { n })}</p>
            ) : (
              <a href={url} target="_blank" rel="noopener">
                <img
                  src={url}
                  alt={t('logDetail.photoAlt', { n })}
                  loading="lazy"
                  data-testid="log-photo"
                  onError={() => setMissing((old) => new Set(old).add(sha256))}
                />
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Whether the device's chain holds every log up to this one, and none broken; the gap or damage otherwise. */
function Chain({ seq, chain }: { seq: number; chain: LogChainStatus }) {
  const t = useT('staff');
  const intact = chain.firstMissing === null && chain.broken === 0;
  return (
    <div data-testid="log-detail-chain" data-intact={String(intact)}>
      <p>{t('logDetail.chainPlace', { seq })}</p>
      {intact && <p>{t('logDetail.chainIntact', { seq })}</p>}
      {chain.firstMissing !== null && (
        <p class="alert">{t('logDetail.chainGap', { count: seq - chain.held, first: chain.firstMissing })}</p>
      )}
      {chain.broken > 0 && <p class="alert">{t('logDetail.chainBroken', { count: chain.broken })}</p>}
    </div>
  );
}

/**
 * One received log as district staff check it: the broadcast, where it was aired with its photos, whether its
 * signature and hash verify, and whether its device's chain is whole up to it.
 */
export function LogDetailScreen({ id }: { id: string }) {
  const t = useT('staff');
  const tl = useT('logs');
  const [attempt, setAttempt] = useState(0);
  const languageName = useLanguageName();
  useTitle(t('logDetail.title'));
  const loaded = useLoad(async () => {
    const detail = await getLog(id);
    const bulletin = detail?.log.bulletinId ? await getBulletin(detail.log.bulletinId) : undefined;
    return detail && { ...detail, bulletinTitle: bulletin?.title };
  }, [id, attempt]);
  const back = (
    <p>
      <a href="/staff/logs">{t('logDetail.back')}</a>
    </p>
  );
  if (!loaded.done || loaded.failed) {
    return (
      <>
        {back}
        <LoadState loaded={loaded} empty={false} emptyText="" onRetry={() => setAttempt((n) => n + 1)} />
      </>
    );
  }
  const detail = loaded.data;
  if (!detail) {
    return (
      <>
        <h1>{t('logDetail.title')}</h1>
        <p class="alert" data-testid="log-detail-missing">
          {t('logDetail.notFound')}
        </p>
        {back}
      </>
    );
  }
  const { log, problem, deviceLabel, chain, bulletinTitle } = detail;
  return (
    <>
      {back}
      <h1>{t('logDetail.title')}</h1>
      <p class="item-title" lang="vi">
        <LogTitle log={log} bulletinTitle={bulletinTitle} />
      </p>
      <LogBadges log={log} />
      <section aria-labelledby="log-facts">
        <h2 id="log-facts">{t('logDetail.facts')}</h2>
        <dl class="log-facts">
          <Fact label={t('logDetail.unit')}>{unitsById.value.get(log.unitId)?.name ?? ''}</Fact>
          <Fact label={t('logDetail.device')}>{deviceLabel}</Fact>
          <Fact label={t('logDetail.operator')}>{log.operator}</Fact>
          <Fact label={t('logDetail.language')}>{languageName(log.lang)}</Fact>
          <Fact label={t('logDetail.channel')}>{tl(`form.channels.${log.channel}`)}</Fact>
          <Fact label={t('logDetail.source')}>{tl(`form.sources.${log.source}`)}</Fact>
          <Fact label={t('logDetail.started')}>{formatDateTime(log.startedAt, VIETNAM_TIME_ZONE)}</Fact>
          <Fact label={t('logDetail.ended')}>{formatDateTime(log.endedAt, VIETNAM_TIME_ZONE)}</Fact>
          <Fact label={t('logDetail.duration')}>
            {formatDuration(Date.parse(log.endedAt) - Date.parse(log.startedAt), uiLanguage.value)}
          </Fact>
          <Fact label={t('logDetail.passes')}>
            <span data-testid="log-detail-passes">
              <Passes log={log} />
            </span>
          </Fact>
          {log.notes && <Fact label={t('logDetail.notes')}>{log.notes}</Fact>}
          <Fact label={t('logDetail.received')}>{formatDateTime(log.receivedAt, VIETNAM_TIME_ZONE)}</Fact>
        </dl>
      </section>
      <section aria-labelledby="log-position">
        <h2 id="log-position">{t('logDetail.position')}</h2>
        <Position log={log} />
      </section>
      <section aria-labelledby="log-photos">
        <h2 id="log-photos">{t('logDetail.photos')}</h2>
        <Photos log={log} />
      </section>
      <section aria-labelledby="log-verification">
        <h2 id="log-verification">{t('logDetail.verification')}</h2>
        <p data-testid="log-detail-verification">
          {problem === null ? t('logDetail.verified') : t(`logDetail.problems.${problem}`)}
        </p>
      </section>
      <section aria-labelledby="log-chain">
        <h2 id="log-chain">{t('logDetail.chain')}</h2>
        <Chain seq={log.seq} chain={chain} />
      </section>
    </>
  );
}
