/**
 * Per screen (dispatcher, wall, terminal): whether alerts make a sound, and whether the person
 * has enabled sound once (browsers block audio until a first gesture; the choice is remembered
 * on this device).
 */
import { create } from 'zustand';

export type AttentionScreen = 'dispatcher' | 'wall' | 'terminal';

const key = (screen: AttentionScreen, what: 'muted' | 'enabled') => `dispatch.attention.${screen}.${what}`;

function stored(name: string): boolean {
  try {
    return globalThis.localStorage?.getItem(name) === '1';
  } catch {
    return false;
  }
}

function store(name: string, value: boolean): void {
  try {
    globalThis.localStorage?.setItem(name, value ? '1' : '0');
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

interface AttentionState {
  muted: Partial<Record<AttentionScreen, boolean>>;
  enabled: Partial<Record<AttentionScreen, boolean>>;
  isMuted: (screen: AttentionScreen) => boolean;
  isEnabled: (screen: AttentionScreen) => boolean;
  setMuted: (screen: AttentionScreen, muted: boolean) => void;
  setEnabled: (screen: AttentionScreen) => void;
}

export const useAttentionStore = create<AttentionState>()((set, get) => ({
  muted: {},
  enabled: {},
  isMuted: (screen) => get().muted[screen] ?? stored(key(screen, 'muted')),
  isEnabled: (screen) => get().enabled[screen] ?? stored(key(screen, 'enabled')),
  setMuted: (screen, muted) => {
    store(key(screen, 'muted'), muted);
    set((s) => ({ muted: { ...s.muted, [screen]: muted } }));
  },
  setEnabled: (screen) => {
    store(key(screen, 'enabled'), true);
    set((s) => ({ enabled: { ...s.enabled, [screen]: true } }));
  },
}));
