import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatPairingCode, type DeviceSummary, type PairingCodeIssued } from '../../domain/accounts.ts';
import { formatDate, formatDateTime, isoDateOf } from '../../domain/dates.ts';
import { createPairingCode, listDevices, revokeDevice } from '../../client/staff/staff-api.ts';
import { useT } from '../i18n/i18n.ts';
import { useLoad } from '../use-load.ts';
import { useTitle } from '../use-title.ts';
import { QrCode } from './qr-code.tsx';
import { useAgo } from './relative-time.ts';
import { ConfirmBox } from './confirm-box.tsx';
import { LoadState } from './load-state.tsx';
import { mayOn, session, units, unitsById } from './session.ts';
import { UnitSelect } from './unit-select.tsx';
import { subtreeRows } from './unit-tree.ts';
import { useAction } from './use-action.ts';

/** The first commune of the subtree: the usual unit a district enrols a phone for. */
function defaultUnit(): string {
  const rows = subtreeRows(units.value, session.value?.user.unitId ?? '').filter((row) =>
    mayOn('devices.manage', row.unit.id),
  );
  return (rows.find((row) => row.unit.level === 'commune') ?? rows[0])?.unit.id ?? '';
}

function PairingCard({ issued }: { issued: PairingCodeIssued }) {
  const t = useT('staff');
  const card = useRef<HTMLDivElement>(null);
  const link = `${location.origin}${issued.enrolPath}`;
  const unitName = unitsById.value.get(issued.unitId)?.name ?? '';
  useEffect(() => {
    // On a phone the new code appears below the button, out of sight: bring it into view.
    card.current?.scrollIntoView({ block: 'nearest' });
  }, [issued]);
  return (
    <div class="pairing" data-testid="pairing-result" ref={card} role="status">
      <p class="pairing-for">{t('devices.codeFor', { unit: unitName })}</p>
      <p class="pairing-code" data-testid="pairing-code">
        {formatPairingCode(issued.code)}
      </p>
      <p class="pairing-expiry">
        {t('devices.expires', { time: formatDateTime(issued.expiresAt, VIETNAM_TIME_ZONE) })}
      </p>
      <QrCode text={link} label={t('devices.qrLabel', { unit: unitName })} />
      <p class="hint pairing-how">{t('devices.howTo')}</p>
      <p class="pairing-link">
        <a href={issued.enrolPath}>{link}</a>
      </p>
    </div>
  );
}

function DeviceRow({ device, onRevoked }: { device: DeviceSummary; onRevoked: (d: DeviceSummary) => void }) {
  const t = useT('staff');
  const ago = useAgo();
  const [confirming, setConfirming] = useState(false);
  const { error, run } = useAction();
  const revoke = () =>
    run(async () => {
      onRevoked(await revokeDevice(device.id));
      setConfirming(false);
    });
  const seen = device.lastSeenAt ? ago(device.lastSeenAt) || t('devices.justNow') : null;
  return (
    <li class="staff-row" data-testid="device-row" data-revoked={String(device.revokedAt !== null)}>
      <p class="item-title">
        {device.label}
        {device.revokedAt && <span class="staff-badge staff-badge-bad">{t('devices.revokedBadge')}</span>}
      </p>
      <p class="item-meta">{unitsById.value.get(device.unitId)?.name ?? ''}</p>
      <p class="item-meta">
        {t('devices.enrolled', {
          date: formatDate(isoDateOf(new Date(device.enrolledAt), VIETNAM_TIME_ZONE)),
        })}
        {' · '}
        {seen ? t('devices.lastSeen', { ago: seen }) : t('devices.neverSeen')}
      </p>
      {device.revokedAt && (
        <p class="item-meta">
          {t('devices.revokedAt', { time: formatDateTime(device.revokedAt, VIETNAM_TIME_ZONE) })}
        </p>
      )}
      {!device.revokedAt && mayOn('devices.manage', device.unitId) && !confirming && (
        <button type="button" class="btn" data-testid="device-revoke" onClick={() => setConfirming(true)}>
          {t('devices.revoke')}
        </button>
      )}
      {confirming && (
        <ConfirmBox
          label={t('devices.revoke')}
          question={t('devices.revokeConfirm', { label: device.label })}
          yes={t('devices.revokeYes')}
          testId="device-revoke-confirm"
          onYes={() => void revoke()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {error && <p class="alert">{error}</p>}
    </li>
  );
}

/** Pairing codes for new phones (text and QR) and the subtree's devices, with revocation. */
export function DevicesScreen() {
  const t = useT('staff');
  useTitle(t('devices.title'));
  const [unitId, setUnitId] = useState(defaultUnit);
  const [issued, setIssued] = useState<PairingCodeIssued | null>(null);
  const { busy, error, run } = useAction();
  const [reload, setReload] = useState(0);
  const [revoked, setRevoked] = useState<ReadonlyMap<string, DeviceSummary>>(new Map());
  const devices = useLoad(listDevices, [reload]);
  const create = () => run(async () => setIssued(await createPairingCode(unitId)));
  const list = (devices.data ?? []).map((d) => revoked.get(d.id) ?? d);
  return (
    <>
      <h1>{t('devices.title')}</h1>
      <div class="staff-columns">
        <section class="panel">
          <h2>{t('devices.pairTitle')}</h2>
          <p class="hint">{t('devices.pairLead')}</p>
          <UnitSelect
            id="pairing-unit"
            label={t('devices.unit')}
            testId="pairing-unit"
            action="devices.manage"
            value={unitId}
            onChange={(id) => {
              setUnitId(id);
              setIssued(null);
            }}
          />
          <button
            type="button"
            class="btn btn-primary btn-wide"
            data-testid="pairing-create"
            disabled={busy || unitId === ''}
            onClick={() => void create()}
          >
            {busy ? t('devices.creating') : t('devices.create')}
          </button>
          {error && (
            <p class="alert alert-strong" role="alert">
              {error}
            </p>
          )}
          {issued && <PairingCard issued={issued} />}
        </section>
        <section>
          <h2>{t('devices.listTitle')}</h2>
          <LoadState
            loaded={devices}
            empty={list.length === 0}
            emptyText={t('devices.none')}
            onRetry={() => setReload((n) => n + 1)}
          />
          {list.length > 0 && (
            <ul class="staff-list">
              {list.map((device) => (
                <DeviceRow
                  key={device.id}
                  device={device}
                  onRevoked={(d) => setRevoked((m) => new Map(m).set(d.id, d))}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
