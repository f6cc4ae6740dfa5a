import { validityOn } from '../../domain/bulletin-listing.ts';
import { formatDate } from '../../domain/dates.ts';
import type { Bulletin } from '../../domain/schemas/bulletin.ts';
import { useT } from '../i18n/i18n.ts';

/** The red "KHẨN" badge: text on colour, so it reads without colour vision too. */
export function UrgentBadge() {
  const t = useT('bulletins');
  return <span class="badge-urgent">{t('urgent')}</span>;
}

/** When the bulletin is in force, relative to `today`, in words. */
function ValidityNote({ bulletin, today }: { bulletin: Bulletin; today: string }) {
  const t = useT('bulletins');
  const state = validityOn(bulletin, today);
  if (state === 'upcoming') return <>{t('validity.upcoming', { date: formatDate(bulletin.validFrom) })}</>;
  if (bulletin.validUntil === null) return <>{t('validity.open')}</>;
  const key = state === 'expired' ? 'validity.expired' : 'validity.until';
  return <>{t(key, { date: formatDate(bulletin.validUntil) })}</>;
}

/** Bulletins as large tappable rows leading to the reader. */
export function BulletinList({ bulletins, today }: { bulletins: Bulletin[]; today: string }) {
  const t = useT('bulletins');
  return (
    <ul class="items" data-testid="bulletin-list">
      {bulletins.map((b) => (
        <li key={b.id} data-testid="bulletin-item">
          <a href={`/bulletins/${b.id}`} class={b.urgency === 'urgent' ? 'item item-urgent' : 'item'}>
            <span class="item-title" lang="vi">
              {b.urgency === 'urgent' && <UrgentBadge />}
              {b.title}
            </span>
            <span class="item-meta">
              {t(`topics.${b.topic}`)} · <ValidityNote bulletin={b} today={today} />
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
