/**
 * A tiny history-API router. Links stay plain <a href> (so they work with long-press, new tab and screen
 * readers); one document-level click handler turns same-origin clicks into pushState navigation.
 */
import { signal } from '@preact/signals';

/** A screen and its parameters. */
export type Route =
  | { name: 'today' }
  | { name: 'bulletins' }
  | { name: 'bulletin'; id: string }
  | { name: 'logs' }
  | { name: 'logNew'; bulletinId: string | null; correctsLogId: string | null }
  | { name: 'sync' }
  | { name: 'enrol' }
  | { name: 'more' }
  | { name: 'staff'; path: string }
  | { name: 'notFound' };

/** The current path (location.pathname). */
export const currentPath = signal(location.pathname);

/** The current query string (location.search, with its "?"), for screens that take parameters. */
export const currentSearch = signal(location.search);

const STATIC: Record<string, Route> = {
  '/': { name: 'today' },
  '/bulletins': { name: 'bulletins' },
  '/logs': { name: 'logs' },
  '/sync': { name: 'sync' },
  '/enrol': { name: 'enrol' },
  '/more': { name: 'more' },
};

/** Matches a path (and its query string) to its screen; a trailing slash is ignored. */
export function matchRoute(path: string, search = ''): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const known = STATIC[clean];
  if (known) return known;
  // The staff workspace routes its own sub-paths inside its lazy chunk.
  if (clean === '/staff' || clean.startsWith('/staff/')) return { name: 'staff', path: clean };
  if (clean === '/logs/new') {
    const query = new URLSearchParams(search);
    return {
      name: 'logNew',
      bulletinId: query.get('bulletin') || null,
      correctsLogId: query.get('corrects') || null,
    };
  }
  const bulletin = /^\/bulletins\/([^/]+)$/.exec(clean);
  if (bulletin?.[1]) return { name: 'bulletin', id: decodeURIComponent(bulletin[1]) };
  return { name: 'notFound' };
}

/** Goes to an in-app path (a query string may follow it), adding a history entry. */
export function navigate(path: string): void {
  const url = new URL(path, location.origin);
  if (url.pathname === currentPath.value && url.search === currentSearch.value) return;
  history.pushState(null, '', url.pathname + url.search);
  currentPath.value = url.pathname;
  currentSearch.value = url.search;
  window.scrollTo(0, 0);
}

function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
}

/** Follows back/forward and in-app link clicks. */
export function startRouter(): void {
  window.addEventListener('popstate', () => {
    currentPath.value = location.pathname;
    currentSearch.value = location.search;
  });
  document.addEventListener('click', onClick);
}
