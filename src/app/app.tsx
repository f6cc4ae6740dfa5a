import { useEffect, useRef } from 'preact/hooks';
import { BottomNav } from './components/bottom-nav.tsx';
import { Notices } from './components/notices.tsx';
import { TopBar } from './components/top-bar.tsx';
import { lazyScreen } from './lazy-screen.tsx';
import { currentPath, currentSearch, matchRoute, type Route } from './router.ts';

const TodayScreen = lazyScreen(() => import('./screens/today.tsx').then((m) => m.TodayScreen));
const BulletinsScreen = lazyScreen(() => import('./screens/bulletins.tsx').then((m) => m.BulletinsScreen));
const BulletinReaderScreen = lazyScreen(() =>
  import('./screens/bulletin-reader.tsx').then((m) => m.BulletinReaderScreen),
);
const LogsScreen = lazyScreen(() => import('./screens/logs.tsx').then((m) => m.LogsScreen));
const LogNewScreen = lazyScreen(() => import('./screens/log-new.tsx').then((m) => m.LogNewScreen));
const SyncScreen = lazyScreen(() => import('./screens/sync.tsx').then((m) => m.SyncScreen));
const MoreScreen = lazyScreen(() => import('./screens/more.tsx').then((m) => m.MoreScreen));
const NotFoundScreen = lazyScreen(() => import('./screens/not-found.tsx').then((m) => m.NotFoundScreen));

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'today':
      return <TodayScreen />;
    case 'bulletins':
      return <BulletinsScreen />;
    case 'bulletin':
      return <BulletinReaderScreen id={route.id} />;
    case 'logs':
      return <LogsScreen />;
    case 'logNew':
      return (
        <LogNewScreen
          key={`${route.bulletinId ?? ''}|${route.correctsLogId ?? ''}`}
          bulletinId={route.bulletinId}
          correctsLogId={route.correctsLogId}
        />
      );
    case 'sync':
      return <SyncScreen />;
    case 'more':
      return <MoreScreen />;
    case 'notFound':
      return <NotFoundScreen />;
  }
}

/** The shell: top bar, service-worker notices, the current screen and the bottom navigation. */
export function App() {
  const path = currentPath.value;
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  useEffect(() => {
    // After an in-app navigation, move focus to the new screen so screen readers start reading there.
    if (path !== firstPath.current) main.current?.focus();
  }, [path]);
  return (
    <div class="shell">
      <TopBar />
      <Notices />
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={matchRoute(path, currentSearch.value)} />
      </main>
      <BottomNav />
    </div>
  );
}
