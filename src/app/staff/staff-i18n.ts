/**
 * The `staff` namespace travels with the staff chunk instead of the entry bundle: operators' phones never
 * download it. Importing this module registers it with i18next before any staff screen renders.
 */
import i18next from 'i18next';
import enStaff from '../../../locales/en/staff.json';
import viStaff from '../../../locales/vi/staff.json';
import { StaffApiError } from '../../client/staff/staff-api.ts';
import { useT } from '../i18n/i18n.ts';

// Typed as the Vietnamese source, so an English file missing a key fails the type check.
const en: typeof viStaff = enStaff;
i18next.addResourceBundle('vi', 'staff', viStaff);
i18next.addResourceBundle('en', 'staff', en);

/** API error codes the staff screens explain in words; anything else gets the generic message. */
const EXPLAINED = [
  'network',
  'invalid_request',
  'invalid_credentials',
  'account_disabled',
  'password_change_required',
  'wrong_password',
  'weak_password',
  'login_taken',
  'setup_code_wrong',
  'setup_done',
  'own_account',
  'not_signed_in',
  'csrf_failed',
  'forbidden',
  'not_found',
  'version_conflict',
  'bulletin_withdrawn',
  'internal_error',
] as const;

/** Turns any failure of a staff call into one sentence of plain language. */
export function useErrorText(): (error: unknown) => string {
  const t = useT('staff');
  return (error) => {
    if (!(error instanceof StaffApiError)) return t('errors.unknown');
    if (error.code === 'too_many_attempts') {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60));
      return t('errors.too_many_attempts', { count: minutes });
    }
    const known = EXPLAINED.find((code) => code === error.code);
    return known ? t(`errors.${known}`) : t('errors.unknown');
  };
}
