import type { LazyResources, vi } from './resources.ts';

// Keys are checked against the Vietnamese source locale.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof vi & LazyResources;
  }
}
