import type { LazyResources, resources } from './resources.ts';

// Keys are checked against the Vietnamese source locale.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['vi'] & LazyResources;
  }
}
