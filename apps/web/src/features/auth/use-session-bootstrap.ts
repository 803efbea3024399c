import { useEffect } from 'react';
import { useSessionStore } from '../../stores/session-store.js';
import { restoreSession } from './session.js';

/** Verifies whatever token we hold (stored, or adopted from `?token=` before the first render). */
export function useSessionBootstrap(): void {
  const status = useSessionStore((s) => s.status);
  useEffect(() => {
    if (status !== 'checking') return;
    const controller = new AbortController();
    void restoreSession(5000, controller.signal);
    return () => controller.abort();
  }, [status]);
}
