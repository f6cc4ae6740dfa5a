import { useT } from '../i18n/i18n.ts';

/** Asks before an action that cannot be taken back (revoke, withdraw): the question, a red yes and Cancel. */
export function ConfirmBox({
  label,
  question,
  yes,
  testId,
  busy = false,
  onYes,
  onCancel,
}: {
  label: string;
  question: string;
  yes: string;
  testId: string;
  busy?: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const t = useT('staff');
  return (
    <div class="staff-confirm" role="alertdialog" aria-label={label}>
      <p>{question}</p>
      <button type="button" class="btn btn-danger" data-testid={testId} disabled={busy} onClick={onYes}>
        {yes}
      </button>{' '}
      <button type="button" class="btn" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
