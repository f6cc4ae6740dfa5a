import { useT } from '../i18n/i18n.ts';
import { syncStatus } from '../sync-status.ts';

/**
 * Shown on Today, Bulletins and Sync while the device is not paired (or was revoked): without a pairing the
 * server sends it nothing and takes none of its logs, so the way to pair is one tap away.
 */
export function EnrolPrompt() {
  const t = useT('sync');
  const state = syncStatus.enrolment.value;
  if (state === 'none') {
    return (
      <p class="alert enrol-prompt" data-testid="enrol-prompt">
        <span>{t('enrolPrompt.text')}</span>
        <a class="btn" href="/enrol">
          {t('enrolPrompt.link')}
        </a>
      </p>
    );
  }
  if (state === 'revoked') {
    return (
      <p class="alert alert-strong enrol-prompt" data-testid="enrol-prompt" data-revoked="true">
        <span>{t('error.revoked')}</span>
        <a class="btn" href="/enrol">
          {t('revokedPrompt.link')}
        </a>
      </p>
    );
  }
  return null;
}
