import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AppClient } from '../../graphql/client';
import type { AuthSession } from './session';
import type { StoredSession } from './tokens';

interface SessionContextValue {
  auth: AuthSession;
  client: AppClient;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ auth, client, children }: SessionContextValue & { children: ReactNode }) {
  return <SessionContext.Provider value={{ auth, client }}>{children}</SessionContext.Provider>;
}

function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session (re-renders on sign-in, refresh and sign-out), the session object and the app's clients. */
export function useSession(): { session: StoredSession | null } & SessionContextValue {
  const context = useSessionContext();
  const session = useSyncExternalStore(context.auth.subscribe, context.auth.current);
  return { session, ...context };
}
