import { beforeEach, describe, expect, it } from 'vitest';
import { dropUrlToken } from '../features/auth/url-token.js';
import { useSessionStore } from './session-store.js';

const user = { id: 'u1', username: 'leader', displayName: '', role: 'shift_leader' as const, unitId: null };

describe('session store', () => {
  beforeEach(() => useSessionStore.getState().signOut());

  it('locks an idle session and unlocks it with the same token', () => {
    useSessionStore.getState().signIn('tok', user, 900);
    expect(localStorage.getItem('dispatch.idleLockSeconds')).toBe('900');
    useSessionStore.getState().lock();
    expect(useSessionStore.getState()).toMatchObject({ status: 'locked', token: 'tok' });
    useSessionStore.getState().unlocked();
    expect(useSessionStore.getState()).toMatchObject({ status: 'authenticated', token: 'tok' });
  });

  it('forgets an ended session and says why', () => {
    useSessionStore.getState().signIn('tok', user, null);
    useSessionStore.getState().expire('SESSION_ENDED');
    expect(useSessionStore.getState()).toMatchObject({
      status: 'anonymous',
      token: null,
      endedBecause: 'SESSION_ENDED',
    });
    expect(localStorage.getItem('dispatch.token')).toBeNull();
  });

  it('does not lock a signed-out console', () => {
    useSessionStore.getState().lock();
    expect(useSessionStore.getState().status).toBe('anonymous');
  });
});

describe('dropUrlToken', () => {
  it('removes ?token= from the address bar without adopting it', () => {
    window.history.replaceState(null, '', '/wall?token=secret&view=1');
    dropUrlToken(window.location, window.history);
    expect(window.location.search).toBe('?view=1');
    expect(useSessionStore.getState().token).toBeNull();
  });
});
