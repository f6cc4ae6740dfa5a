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
const EnrolScreen = lazyScreen(() => import('./screens/enrol.tsx').then((m) => m.EnrolScreen));
const MoreScreen = lazyScreen(() => import('./screens/more.tsx').then((m) => m.MoreScreen));
const NotFoundScreen = lazyScreen(() => import('./screens/not-found.tsx').then((m) => m.NotFoundScreen));
const StaffWorkspace = lazyScreen(() => import('./staff/staff-app.tsx').then((m) => m.StaffApp));

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
    case 'enrol':
      return <EnrolScreen />;
    case 'more':
      return <MoreScreen />;
    case 'staff':
      return <StaffWorkspace path={route.path} />;
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
  const route = matchRoute(path, currentSearch.value);
  if (route.name === 'staff')
    // The staff workspace brings its own bar and navigation; the operator's bottom nav does not belong there.
    return (
      <div class="shell shell-staff">
        <Notices />
        <Screen route={route} />
      </div>
    );
  return (
    <div class="shell">
      <TopBar />
      <Notices />
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={route} />
      </main>
      <BottomNav />
    </div>
  );
}
