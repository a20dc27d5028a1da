import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from './api/errors';
import { call, type Method } from './api/http';
import { signIn as passwordSignIn, type Session, type SignInForm } from './api/iam';

export type Api = <T>(method: Method, path: string, body?: unknown) => Promise<T>;

interface SessionState {
  readonly session: Session | null;
  /** Why the last session ended, shown on the sign-in page. */
  readonly endedBecause: string | null;
  readonly signIn: (form: SignInForm) => Promise<void>;
  readonly signOut: () => void;
  readonly selectProject: (projectId: string) => void;
  /** Calls the API with the session's token; a 401 ends the session (expired or revoked token). */
  readonly api: Api;
}

const SessionContext = createContext<SessionState | null>(null);

export const EXPIRED = 'Your session has expired. Sign in again.';

/**
 * The session lives in React state only: no localStorage, no sessionStorage, no cookie, so a
 * reload or a closed tab signs out and no other page of the origin can read the token.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  // An expired session keeps the screen's address, so signing in again lands back on it.
  const end = useCallback((reason: string | null, keepPlace = true) => {
    setSession(null);
    setEndedBecause(reason);
    if (!keepPlace) window.location.hash = '';
  }, []);

  // The token's own expiry: back to sign-in when it passes, even without a call refused.
  useEffect(() => {
    // An unreadable expiry leaves it to the API's 401 (a NaN delay would fire at once).
    if (!session || !Number.isFinite(session.expiresAt)) return undefined;
    const timer = window.setTimeout(() => end(EXPIRED), Math.max(0, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [session, end]);

  const api = useCallback<Api>(
    async <T,>(method: Method, path: string, body?: unknown): Promise<T> => {
      if (!session) throw new ApiError(401, 'SESSION', EXPIRED);
      try {
        return await call<T>(session, method, path, body);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) end(`${EXPIRED} (${e.code}: ${e.message})`);
        throw e;
      }
    },
    [session, end],
  );

  const value = useMemo<SessionState>(
    () => ({
      session,
      endedBecause,
      api,
      signIn: async (form) => {
        const s = await passwordSignIn(form);
        setEndedBecause(null);
        setSession(s);
      },
      signOut: () => end('You have signed out.', false),
      selectProject: (projectId) => setSession((s) => (s ? { ...s, projectId } : s)),
    }),
    [session, endedBecause, api, end],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in session; screens behind sign-in only. */
export function useSignedIn(): Session & { readonly api: Api } {
  const { session, api } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return { ...session, api };
}
