import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { echoFromLocation } from '../screens/echo/echo';
import { postsFromLocation } from '../screens/posts/posts';
import { unitFromLocation } from '../screens/unit/unit';
import { useSession } from '../domain/auth/SessionProvider';
import { screenFor } from '../domain/auth/tokens';
import { useLedCommunities } from '../domain/grids/useLedCommunities';
import { NotificationBell } from '../domain/notify/NotificationBell';
import { otherLanguage } from '../i18n';
import type { MapTheme } from '../map/style';
import { browserStorage, storeLanguage } from './language';

// Each screen is its own chunk, fetched when the role needs it: a resident's phone never loads the wall.
const AdminConsole = lazy(() => import('../screens/console/AdminConsole').then((m) => ({ default: m.AdminConsole })));
const DepartmentInbox = lazy(() => import('../screens/department/DepartmentInbox').then((m) => ({ default: m.DepartmentInbox })));
const EchoWall = lazy(() => import('../screens/echo/EchoWall').then((m) => ({ default: m.EchoWall })));
const UnitEvaluationPage = lazy(() => import('../screens/unit/UnitEvaluationPage').then((m) => ({ default: m.UnitEvaluationPage })));
const PostsBoard = lazy(() => import('../screens/posts/PostsBoard').then((m) => ({ default: m.PostsBoard })));
const LoginScreen = lazy(() => import('../screens/login/LoginScreen').then((m) => ({ default: m.LoginScreen })));
const HelperWorkspace = lazy(() => import('../screens/helper/HelperWorkspace').then((m) => ({ default: m.HelperWorkspace })));
const LeaderWorkspace = lazy(() => import('../screens/leader/LeaderWorkspace').then((m) => ({ default: m.LeaderWorkspace })));
const ResidentHome = lazy(() => import('../screens/resident/ResidentHome').then((m) => ({ default: m.ResidentHome })));
const WallScreen = lazy(() => import('../screens/wall/WallScreen').then((m) => ({ default: m.WallScreen })));

/**
 * Sign-in, then the screen of the account's role: the command centre's wall screen, a grid
 * leader's workspace, a helper's (volunteer's) workspace, a resident's household page or a
 * department's inbox.
 */
export function App({ theme }: { theme: MapTheme }) {
  const { t, i18n } = useTranslation();
  const { session, auth, client } = useSession();
  const [consoleOpen, setConsoleOpen] = useState(false);
  const isAdmin = session?.user.role === 'STREET_ADMIN';
  // A community's large-grid leader (社区书记) keeps the accounts of their community in the console too.
  const secretary = useLedCommunities(session?.user.role !== 'GRID_LEADER').length > 0;
  const hasConsole = isAdmin || secretary;
  const screen = session ? (hasConsole && consoleOpen ? 'console' : screenFor(session.user.role)) : 'login';

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = titleOf(screen);
  }, [i18n.language, t, screen]);

  const getToken = useCallback(() => auth.tokenNow(), [auth]);
  function titleOf(s: typeof screen): string {
    if (s === 'leader') return t('leader.title');
    if (s === 'helper') return t('helper.title');
    if (s === 'resident') return t('resident.title');
    if (s === 'console') return t('console.title');
    if (s === 'department') return t('department.title');
    return t('app.title');
  }
  const switchLanguage = () => {
    const next = otherLanguage(i18n.language);
    storeLanguage(browserStorage(), next);
    void i18n.changeLanguage(next);
  };
  const signOut = () => {
    setConsoleOpen(false);
    auth.signOut();
    void client.apollo.clearStore();
  };

  const loading = (
    <main className="app__main app__main--message">
      <p role="status">{t('app.loading')}</p>
    </main>
  );

  // 岗位公示: a grid's public posts board at /p/<code>, for anyone — signed in or not.
  const posts = postsFromLocation(window.location.pathname);
  if (posts.requested) {
    return (
      <div className="app" data-theme="light" data-screen="posts">
        <Suspense fallback={loading}>
          <PostsBoard request={posts} onLanguage={switchLanguage} />
        </Suspense>
      </div>
    );
  }

  // 双评议: a work unit's rating page at /unit-evaluation#<token>, from the signed link its community sent — no sign-in.
  const unit = unitFromLocation(window.location.pathname, window.location.hash);
  if (unit.requested) {
    return (
      <div className="app" data-theme="light" data-screen="unit-evaluation">
        <Suspense fallback={loading}>
          <UnitEvaluationPage request={unit} onLanguage={switchLanguage} />
        </Suspense>
      </div>
    );
  }

  const echo = echoFromLocation(window.location.pathname, window.location.search);
  if (echo.requested) {
    return (
      <div className="app" data-theme={theme} data-screen="echo">
        <Suspense fallback={loading}>
          <EchoWall request={echo} onLanguage={switchLanguage} />
        </Suspense>
      </div>
    );
  }

  if (!session) {
    return (
      <div className="app" data-theme={theme} data-screen="login">
        <Suspense fallback={loading}>
          <LoginScreen auth={auth} onLanguage={switchLanguage} />
        </Suspense>
      </div>
    );
  }

  return (
    <div className="app" data-theme={theme} data-screen={screen}>
      <header className="app__header">
        <h1 className="app__title">{titleOf(screen)}</h1>
        <span className="app__user">{t('auth.signedInAs', { name: session.user.displayName, role: t(`role.${session.user.role}`) })}</span>
        <NotificationBell />
        {hasConsole && (
          <button type="button" className="button" onClick={() => setConsoleOpen(!consoleOpen)} data-action="console">
            {consoleOpen ? t('console.back') : t('console.open')}
          </button>
        )}
        <button type="button" className="button" onClick={switchLanguage} aria-label={t('language.switchLabel')}>
          {t('language.switchTo')}
        </button>
        <button type="button" className="button" onClick={signOut} data-action="sign-out">
          {t('auth.signOut')}
        </button>
      </header>
      <Suspense fallback={loading}>
        {screen === 'console' && <AdminConsole scope={isAdmin ? 'street' : 'community'} />}
        {screen === 'wall' && <WallScreen theme={theme} ws={client.ws} getToken={getToken} />}
        {screen === 'leader' && <LeaderWorkspace theme={theme} ws={client.ws} getToken={getToken} gridIds={session.user.gridIds} />}
        {screen === 'helper' && <HelperWorkspace theme={theme} getToken={getToken} />}
        {screen === 'resident' && <ResidentHome theme={theme} getToken={getToken} />}
        {screen === 'department' && <DepartmentInbox />}
      </Suspense>
      {screen === 'none' && (
        <main className="app__main app__main--message">
          <p role="alert">{t('auth.noScreen', { role: t(`role.${session.user.role}`) })}</p>
        </main>
      )}
    </div>
  );
}
