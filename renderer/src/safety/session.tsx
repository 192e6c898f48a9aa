import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionStatus } from '../../../shared/contract/users.ts';
import { getClient } from '../lib/api.ts';

interface SessionContextValue {
  status: SessionStatus | null;
  refresh: () => void;
}

const SessionContext = createContext<SessionContextValue>({ status: null, refresh: () => undefined });

export function useSession(): SessionContextValue {
  return useContext(SessionContext);
}

/** How often the window asks whether the session is still alive (it ends after inactivity in the core). */
const POLL_MS = 30_000;

/** Keeps the sign-in state; the core enforces it, this only decides what to show. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const refresh = useCallback(() => {
    getClient()
      .call('session.status', {})
      .then((value) => {
        setStatus(value);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);
  // An unreachable core shows through the areas' own errors; this only must not block the shell.
  const value = { status: failed ? null : status, refresh };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
