import { useT } from '../i18n/i18n.ts';
import { syncStatus } from '../sync-status.ts';

/** "Thiết bị này" in More: the pairing that lets the device sync, or the way to pair it. */
export function DeviceInfo() {
  const t = useT('more');
  const device = syncStatus.device.value;
  const enrolment = syncStatus.enrolment.value;
  if (enrolment === 'unknown') return null;
  return (
    <section data-testid="device-info" data-enrolment={enrolment}>
      <h2>{t('device.title')}</h2>
      {device ? (
        <dl class="facts">
          <dt>{t('device.unit')}</dt>
          <dd data-testid="device-unit-name">{device.unitName}</dd>
          <dt>{t('device.label')}</dt>
          <dd data-testid="device-label">{device.label}</dd>
          <dt>{t('device.id')}</dt>
          <dd class="device-id" data-testid="device-id">
            {device.deviceId}
          </dd>
        </dl>
      ) : (
        <p>{t('device.notEnrolled')}</p>
      )}
      {enrolment === 'revoked' && <p class="alert alert-strong">{t('device.revoked')}</p>}
      {enrolment !== 'enrolled' && (
        <a class="btn btn-wide" href="/enrol">
          {enrolment === 'revoked' ? t('device.reenrol') : t('device.enrol')}
        </a>
      )}
    </section>
  );
}
