import { useState } from 'preact/hooks';
import { formatDate } from '../../domain/dates.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import { listBulletins, publishBulletin, withdrawBulletin } from '../../client/staff/staff-api.ts';
import { useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { ConfirmBox } from './confirm-box.tsx';
import { LoadState } from './load-state.tsx';
import { flash, mayDo, mayOn, unitsById } from './session.ts';
import { useAction } from './use-action.ts';

/** Names of the first target units, then how many more: a bulletin may target hundreds. */
function targetsText(bulletin: Bulletin, more: (count: number) => string): string {
  const names = bulletin.targetUnitIds.map((id) => unitsById.value.get(id)?.name ?? id);
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} ${more(names.length - 3)}` : shown;
}

function BulletinRow({ bulletin, onChange }: { bulletin: Bulletin; onChange: (b: Bulletin) => void }) {
  const t = useT('staff');
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const mayWrite = bulletin.targetUnitIds.every((id) => mayOn('bulletins.write', id));
  const act = (action: (id: string) => Promise<Bulletin>) =>
    run(async () => {
      onChange(await action(bulletin.id));
      setConfirming(false);
    });
  return (
    <li
      class={bulletin.urgency === 'urgent' ? 'staff-row item-urgent' : 'staff-row'}
      data-testid="bulletin-row"
      data-status={bulletin.status}
      data-id={bulletin.id}
    >
      <p class="item-title">
        <span class={`staff-badge staff-status-${bulletin.status}`}>
          {t(`bulletins.status.${bulletin.status}`)}
        </span>{' '}
        {bulletin.urgency === 'urgent' && <span class="badge-urgent">{t('bulletins.urgent')}</span>}
        {bulletin.title}
      </p>
      <p class="item-meta">
        {t('bulletins.version', { version: bulletin.version })} ·{' '}
        {bulletin.validUntil
          ? t('bulletins.validRange', {
              from: formatDate(bulletin.validFrom),
              until: formatDate(bulletin.validUntil),
            })
          : t('bulletins.validFrom', { from: formatDate(bulletin.validFrom) })}
      </p>
      <p class="item-meta">
        {t('bulletins.targets', {
          units: targetsText(bulletin, (count) => t('bulletins.moreUnits', { count })),
        })}
      </p>
      {mayWrite && bulletin.status !== 'withdrawn' && !confirming && (
        <div class="staff-row-actions">
          {bulletin.status === 'draft' && (
            <button
              type="button"
              class="btn btn-primary"
              data-testid="bulletin-row-publish"
              disabled={busy}
              onClick={() => void act(publishBulletin)}
            >
              {t('bulletins.publish')}
            </button>
          )}
          <a
            class="btn"
            href={`/staff/bulletins/${bulletin.id}/edit`}
            data-testid="bulletin-edit"
            aria-label={t('bulletins.editLabel', { title: bulletin.title })}
          >
            {t('bulletins.edit')}
          </a>
          {bulletin.status === 'published' && (
            <button
              type="button"
              class="btn"
              data-testid="bulletin-withdraw"
              onClick={() => setConfirming(true)}
            >
              {t('bulletins.withdraw')}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <ConfirmBox
          label={t('bulletins.withdraw')}
          question={t('bulletins.withdrawConfirm', { title: bulletin.title })}
          yes={t('bulletins.withdrawYes')}
          testId="bulletin-withdraw-confirm"
          busy={busy}
          onYes={() => void act(withdrawBulletin)}
          onCancel={() => setConfirming(false)}
        />
      )}
      {error && <p class="alert">{error}</p>}
    </li>
  );
}

/** The bulletins of the subtree and above, newest first, with edit, publish and withdraw where the role allows. */
export function BulletinsScreen() {
  const t = useT('staff');
  useTitle(t('bulletins.title'));
  const [attempt, setAttempt] = useState(0);
  const [changed, setChanged] = useState<ReadonlyMap<string, Bulletin>>(new Map());
  const bulletins = useLoad(listBulletins, [attempt]);
  const list = (bulletins.data ?? [])
    .map((b) => changed.get(b.id) ?? b)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <>
      <div class="staff-heading">
        <h1>{t('bulletins.title')}</h1>
        {mayDo('bulletins.write') && (
          <a class="btn btn-primary" href="/staff/bulletins/new" data-testid="bulletin-new">
            {t('bulletins.new')}
          </a>
        )}
      </div>
      <LoadState
        loaded={bulletins}
        empty={list.length === 0}
        emptyText={t('bulletins.none')}
        onRetry={() => setAttempt((n) => n + 1)}
      />
      {list.length > 0 && (
        <ul class="staff-list">
          {list.map((b) => (
            <BulletinRow
              key={b.id}
              bulletin={b}
              onChange={(updated) => {
                flash.value = null;
                setChanged((m) => new Map(m).set(updated.id, updated));
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
