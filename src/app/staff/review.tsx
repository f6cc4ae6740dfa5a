import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../../domain/dates.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import type { SubmissionForReview } from '../../domain/staff-api.ts';
import {
  fetchAttachment,
  listBulletins,
  listSubmissions,
  reviewSubmission,
} from '../../client/staff/staff-api.ts';
import { useLanguageName } from '../components/language-name.ts';
import { useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { LoadState } from './load-state.tsx';
import { mayOn } from './session.ts';
import { useErrorText } from './staff-i18n.ts';
import { useAction } from './use-action.ts';

/** Fetches a recording on demand (it may be megabytes on a slow line) and plays it from a blob URL. */
function Recording({ sha256, label }: { sha256: string; label: string }) {
  const t = useT('staff');
  const errorText = useErrorText();
  const [url, setUrl] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [error, setError] = useState('');
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  const load = async () => {
    setState('loading');
    try {
      setUrl(URL.createObjectURL(await fetchAttachment(sha256)));
      setState('idle');
    } catch (failure) {
      setError(errorText(failure));
      setState('error');
    }
  };
  // Pressing "listen" asked to hear it, so it starts at once (the press counts as the page's user gesture).
  if (url)
    return (
      <audio class="review-audio" controls autoPlay src={url} aria-label={label} data-testid="review-audio" />
    );
  return (
    <p>
      <button
        type="button"
        class="btn"
        data-testid="review-listen"
        disabled={state === 'loading'}
        onClick={() => void load()}
      >
        {state === 'loading' ? t('loading') : t('review.listen')}
      </button>
      {state === 'error' && <span class="field-error"> {error}</span>}
    </p>
  );
}

function ReviewRow({
  submission,
  original,
  onDone,
}: {
  submission: SubmissionForReview;
  original: Bulletin | undefined;
  onDone: (message: string) => void;
}) {
  const t = useT('staff');
  const languageName = useLanguageName();
  const [comment, setComment] = useState('');
  const { busy, error, setError, run } = useAction();
  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && comment.trim() === '') {
      setError(t('review.commentRequired'));
      return;
    }
    await run(async () => {
      await reviewSubmission(submission.id, { decision, comment: comment.trim() });
      onDone(
        t(decision === 'approve' ? 'review.approved' : 'review.rejected', {
          title: submission.bulletinTitle,
          language: languageName(submission.lang),
        }),
      );
    });
  };
  const commentId = `review-comment-${submission.id}`;
  return (
    <li class="staff-row review" data-testid="review-row" data-id={submission.id}>
      <h2 class="review-title">{submission.bulletinTitle}</h2>
      <p class="item-meta">
        {submission.unitName} · {languageName(submission.lang)} ·{' '}
        {t('review.translator', { name: submission.translator })} ·{' '}
        {formatDateTime(submission.submittedAt, VIETNAM_TIME_ZONE)}
      </p>
      {original && original.version !== submission.bulletinVersion && (
        <p class="alert">
          {t('review.olderVersion', { submitted: submission.bulletinVersion, current: original.version })}
        </p>
      )}
      <div class="review-texts">
        <section>
          <h3 id={`review-original-${submission.id}`}>{t('review.original')}</h3>
          {/* Long texts scroll inside their box: focusable so a keyboard can scroll them, named by the heading. */}
          <div
            class="review-text"
            lang="vi"
            role="region"
            tabIndex={0}
            aria-labelledby={`review-original-${submission.id}`}
          >
            {original ? original.body : t('review.originalMissing')}
          </div>
        </section>
        <section>
          <h3 id={`review-translation-${submission.id}`}>
            {t('review.translation', { language: languageName(submission.lang) })}
          </h3>
          <div
            class="review-text"
            lang={submission.lang}
            data-testid="review-translation"
            role="region"
            tabIndex={0}
            aria-labelledby={`review-translation-${submission.id}`}
          >
            {submission.text.trim() === '' ? t('review.noText') : submission.text}
          </div>
          {submission.audioId && (
            <Recording
              sha256={submission.audioId}
              label={t('review.recording', { language: languageName(submission.lang) })}
            />
          )}
        </section>
      </div>
      {mayOn('slots.review', submission.unitId) && (
        <>
          <div class="field">
            <label for={commentId}>{t('review.comment')}</label>
            <textarea
              id={commentId}
              data-testid="review-comment"
              rows={3}
              value={comment}
              onInput={(e) => setComment(e.currentTarget.value)}
            />
            <p class="hint">{t('review.commentHint')}</p>
          </div>
          {error && (
            <p class="alert alert-strong" role="alert">
              {error}
            </p>
          )}
          <div class="staff-actions">
            <button
              type="button"
              class="btn btn-primary"
              data-testid="review-approve"
              disabled={busy}
              onClick={() => void decide('approve')}
            >
              {t('review.approve')}
            </button>
            <button
              type="button"
              class="btn btn-danger"
              data-testid="review-reject"
              disabled={busy}
              onClick={() => void decide('reject')}
            >
              {t('review.reject')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/** Translations submitted by the subtree's units, beside the Vietnamese original, to approve or reject. */
export function ReviewScreen() {
  const t = useT('staff');
  useTitle(t('review.title'));
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const submissions = useLoad(() => listSubmissions('submitted'), [attempt]);
  const bulletins = useLoad(listBulletins, [attempt]);
  const byId = new Map((bulletins.data ?? []).map((b) => [b.id, b]));
  const waiting = (submissions.data ?? []).filter((s) => !done.has(s.id));
  return (
    <>
      <h1>{t('review.title')}</h1>
      <p class="lead">{t('review.lead')}</p>
      {message && (
        <p class="staff-flash" role="status" data-testid="review-done">
          {message}
        </p>
      )}
      <LoadState
        loaded={submissions}
        empty={waiting.length === 0}
        emptyText={t('review.none')}
        onRetry={() => setAttempt((n) => n + 1)}
      />
      {waiting.length > 0 && (
        <ul class="staff-list">
          {waiting.map((s) => (
            <ReviewRow
              key={s.id}
              submission={s}
              original={byId.get(s.bulletinId)}
              onDone={(text) => {
                setDone((ids) => new Set(ids).add(s.id));
                setMessage(text);
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
