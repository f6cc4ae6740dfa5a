import type { SyncError } from '../../client/sync/transport.ts';
import { useT } from '../i18n/i18n.ts';
import { online } from '../shell-state.ts';

/** How a failed sync reads to the operator: what happened and what to do, in plain words. */
export function useSyncErrorText(): (error: SyncError) => string {
  const t = useT('sync');
  const isOnline = online.value;
  return (error) => {
    switch (error.kind) {
      case 'network':
        return isOnline ? t('error.network') : t('error.offline');
      case 'not_enrolled':
        return t('error.notEnrolled');
      case 'revoked':
        return t('error.revoked');
      case 'invalid':
        return t('error.invalid');
      case 'storage':
        return t('error.storage');
      case 'http':
        if (error.code === 'device_revoked') return t('error.revoked');
        if (error.code === 'device_unauthorized') return t('error.unauthorized');
        if (error.code === 'body_too_large') return t('error.tooLarge');
        if (error.status === 429 || error.status === 503) return t('error.busy');
        if (error.status >= 500) return t('error.server', { status: error.status });
        return t('error.other', { status: error.status });
    }
  };
}
