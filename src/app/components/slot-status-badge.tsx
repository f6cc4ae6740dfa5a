import type { LanguageSlot, SlotStatus } from '../../domain/schemas/language-slot.ts';
import { isLocalSlot } from '../../domain/slot-edit.ts';
import { useT } from '../i18n/i18n.ts';

/** A shape per status, so the badge reads without colour; the words carry the meaning. */
const ICONS: Record<SlotStatus, string> = {
  missing: '○',
  draft: '✎',
  submitted: '⇡',
  approved: '✓',
  rejected: '✕',
};

/**
 * A language slot's status in words with an icon (missing when there is no slot); a slot edited on this device
 * adds "on this device, not sent". `data-status` and `data-local` expose the state to styles and tests.
 */
export function SlotStatusBadge({ slot }: { slot: LanguageSlot | undefined }) {
  const t = useT('slots');
  const status = slot?.status ?? 'missing';
  const local = isLocalSlot(slot);
  return (
    <span class="slot-badge" data-status={status} data-local={local ? 'true' : undefined}>
      <span class="slot-badge-icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {t(`status.${status}`)}
      {local && <span class="slot-badge-local"> {t('local')}</span>}
    </span>
  );
}
