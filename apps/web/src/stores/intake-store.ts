import type { RecommendationsDto } from '@dispatch/contracts';
import type { IncidentSource, IncidentType } from '@dispatch/domain';
import { create } from 'zustand';
import { DEFAULT_PRIORITY_BY_TYPE } from '../lib/incident-defaults.js';

export type IntakeTextField = 'locationText' | 'address' | 'description' | 'callerName' | 'callerPhone';

export interface IntakeDraft {
  /**
   * The call's id, chosen when it is picked up and sent with the save: a save retried after a
   * lost answer (network, a server node gone) gets the same incident back, never a second one.
   */
  callId: string | null;
  /** When the call was picked up (server-aligned epoch ms): the clocks start here. */
  receivedAt: number | null;
  lngLat: [number, number] | null;
  locationText: string;
  address: string;
  type: IncidentType | null;
  /** How the incident came in: a 110 call (default), video patrol, drone, walk-in, an officer. */
  source: IncidentSource;
  priority: number;
  /** The dispatcher chose the priority, so changing the type no longer overrides it. */
  priorityTouched: boolean;
  description: string;
  callerName: string;
  callerPhone: string;
  /** The address was filled in from the map point's name, not typed: a new point replaces it. */
  addressFromMap: boolean;
}

export interface IntakeState extends IntakeDraft {
  active: boolean;
  saving: boolean;
  errorKey: string | null;
  recommendations: RecommendationsDto | null;
  selectedUnitIds: string[];
  start: (receivedAt: number) => void;
  reset: () => void;
  setText: (field: IntakeTextField, value: string) => void;
  /** `label` goes into the location box; `address` (default: the label) into an address the call-taker has not typed. */
  setLocation: (lngLat: [number, number], label?: string, address?: string) => void;
  /** The reverse-geocoded name of `at` as the address, unless one was typed or `at` is no longer the point. */
  fillAddressFromMap: (at: [number, number], text: string) => void;
  setType: (type: IncidentType | null) => void;
  setPriority: (priority: number) => void;
  setSource: (source: IncidentSource) => void;
  /** New recommendations; the plan's tier-1 units become the selection. */
  setRecommendations: (recommendations: RecommendationsDto | null) => void;
  toggleCandidate: (unitId: string) => void;
  /** Toggles the n-th candidate (0-based), for number-key shortcuts. */
  toggleCandidateAt: (index: number) => void;
  setSaving: (saving: boolean) => void;
  setError: (key: string | null) => void;
}

const EMPTY: IntakeDraft = {
  callId: null,
  receivedAt: null,
  lngLat: null,
  locationText: '',
  address: '',
  type: null,
  source: 'call',
  priority: 3,
  priorityTouched: false,
  description: '',
  callerName: '',
  callerPhone: '',
  addressFromMap: false,
};

export const useIntakeStore = create<IntakeState>()((set, get) => ({
  ...EMPTY,
  active: false,
  saving: false,
  errorKey: null,
  recommendations: null,
  selectedUnitIds: [],
  start: (receivedAt) =>
    set({
      ...EMPTY,
      callId: crypto.randomUUID(),
      receivedAt,
      active: true,
      saving: false,
      errorKey: null,
      recommendations: null,
      selectedUnitIds: [],
    }),
  reset: () =>
    set({
      ...EMPTY,
      active: false,
      saving: false,
      errorKey: null,
      recommendations: null,
      selectedUnitIds: [],
    }),
  setText: (field, value) =>
    set(
      (field === 'address'
        ? { address: value, addressFromMap: false }
        : { [field]: value }) as Partial<IntakeDraft>,
    ),
  setLocation: (lngLat, label, address) =>
    set((state) => ({
      lngLat,
      locationText: label ?? `${lngLat[0].toFixed(5)}, ${lngLat[1].toFixed(5)}`,
      address: address ?? label ?? (state.addressFromMap ? '' : state.address),
      addressFromMap: address === undefined && label === undefined && state.addressFromMap,
    })),
  fillAddressFromMap: (at, text) =>
    set((state) =>
      state.lngLat?.[0] === at[0] &&
      state.lngLat[1] === at[1] &&
      (state.address.trim() === '' || state.addressFromMap)
        ? { address: text, addressFromMap: true }
        : {},
    ),
  setType: (type) =>
    set((state) => ({
      type,
      priority: type && !state.priorityTouched ? DEFAULT_PRIORITY_BY_TYPE[type] : state.priority,
    })),
  setPriority: (priority) => set({ priority, priorityTouched: true }),
  setSource: (source) => set({ source }),
  setRecommendations: (recommendations) =>
    set({
      recommendations,
      selectedUnitIds: recommendations
        ? recommendations.candidates.filter((c) => c.tier === 1 && c.reachable !== false).map((c) => c.unitId)
        : [],
    }),
  toggleCandidate: (unitId) => {
    const selected = get().selectedUnitIds;
    set({
      selectedUnitIds: selected.includes(unitId)
        ? selected.filter((id) => id !== unitId)
        : [...selected, unitId],
    });
  },
  toggleCandidateAt: (index) => {
    const candidate = get().recommendations?.candidates[index];
    if (candidate) get().toggleCandidate(candidate.unitId);
  },
  setSaving: (saving) => set({ saving }),
  setError: (errorKey) => set({ errorKey }),
}));
