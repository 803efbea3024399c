import { useEffect } from 'react';
import { useSessionStore } from '../../stores/session-store.js';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks a staff console after the server's idle timeout without input, so the screen is covered
 * at once (the server refuses the session from then on anyway). Unit terminals and wall screens
 * get no timeout (`idleLockSeconds` null).
 */
export function useIdleLock(): void {
  const status = useSessionStore((s) => s.status);
  const idleLockSeconds = useSessionStore((s) => s.idleLockSeconds);
  useEffect(() => {
    if (status !== 'authenticated' || !idleLockSeconds) return;
    let timer = setTimeout(() => useSessionStore.getState().lock(), idleLockSeconds * 1000);
    const activity = () => {
      clearTimeout(timer);
      timer = setTimeout(() => useSessionStore.getState().lock(), idleLockSeconds * 1000);
    };
    for (const name of ACTIVITY) window.addEventListener(name, activity, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, activity);
    };
  }, [status, idleLockSeconds]);
}
