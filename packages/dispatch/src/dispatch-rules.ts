/**
 * Which unit kinds may answer which incident types, and what breaks ETA ties. Plain data so a
 * centre can edit it; the defaults below follow common practice in city 110 command.
 */
import type { Capability, IncidentType, Priority, UnitKind } from '@dispatch/domain';

/** `primary`: may respond as police (primary or backup). `support`: support roles only (video, cordon help). */
export type UnitFitness = 'primary' | 'support';

/** One fitness for every priority, or per priority (a priority left out: not fit). */
export type FitnessEntry = UnitFitness | Readonly<Partial<Record<Priority, UnitFitness>>>;

export interface KindLimit {
  /** Units of this kind farther than this are not candidates (posts answer on foot nearby). */
  maxDistanceMeters?: number;
  maxEtaSeconds?: number;
}

export interface DispatchRules {
  /** Fitness per incident type and unit kind; a kind left out is never sent. */
  fitness: Readonly<Record<IncidentType, Readonly<Partial<Record<UnitKind, FitnessEntry>>>>>;
  /** Kinds in order of preference for ETA ties; kinds left out come last. */
  kindPreference: Readonly<Record<IncidentType, readonly UnitKind[]>>;
  /** Capabilities that make a unit preferable for the type. */
  preferredCapabilities: Readonly<Record<IncidentType, readonly Capability[]>>;
  kindLimits: Readonly<Partial<Record<UnitKind, KindLimit>>>;
  /** ETAs within this many seconds of each other count as a tie. */
  etaToleranceSeconds: number;
}

const POLICE = {
  patrol_car: 'primary',
  motorcycle: 'primary',
  foot_patrol: 'primary',
  post: 'primary',
} as const;
// Partner forces (security guards, volunteers) lead only low-risk calls at low priority.
const PARTNER_LOW_RISK = { 1: 'support', 2: 'support', 3: 'primary', 4: 'primary' } as const;

export const DEFAULT_DISPATCH_RULES: DispatchRules = {
  fitness: {
    knife_attack: { ...POLICE, drone: 'support' },
    robbery: { ...POLICE, drone: 'support' },
    fight: { ...POLICE, drone: 'support' },
    theft: { ...POLICE, drone: 'support', partner: 'support' },
    dispute: { ...POLICE, partner: 'support' },
    traffic_accident: { ...POLICE, drone: 'support' },
    help_request: { ...POLICE, partner: PARTNER_LOW_RISK },
    missing_person: { ...POLICE, drone: 'support', partner: 'support' },
    fire_medical: { ...POLICE, drone: 'support', partner: 'support' },
    suspicious: { ...POLICE, drone: 'support', partner: 'support' },
    noise: { ...POLICE, partner: PARTNER_LOW_RISK },
    other: { ...POLICE, partner: 'support' },
  },
  kindPreference: {
    knife_attack: ['patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone'],
    robbery: ['patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone'],
    fight: ['patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone'],
    theft: ['motorcycle', 'foot_patrol', 'post', 'patrol_car', 'drone', 'partner'],
    dispute: ['foot_patrol', 'post', 'motorcycle', 'patrol_car', 'partner'],
    traffic_accident: ['patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone'],
    help_request: ['foot_patrol', 'post', 'motorcycle', 'patrol_car', 'partner'],
    missing_person: ['patrol_car', 'foot_patrol', 'motorcycle', 'post', 'drone', 'partner'],
    fire_medical: ['patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone', 'partner'],
    suspicious: ['foot_patrol', 'motorcycle', 'post', 'patrol_car', 'drone', 'partner'],
    noise: ['foot_patrol', 'post', 'partner', 'motorcycle', 'patrol_car'],
    other: ['foot_patrol', 'motorcycle', 'patrol_car', 'post', 'partner'],
  },
  preferredCapabilities: {
    knife_attack: ['armed'],
    robbery: ['armed'],
    fight: ['armed', 'loudspeaker'],
    theft: [],
    dispute: ['negotiator'],
    traffic_accident: ['traffic'],
    help_request: ['medical'],
    missing_person: ['k9', 'video'],
    fire_medical: ['medical'],
    suspicious: ['k9'],
    noise: [],
    other: [],
  },
  kindLimits: {
    post: { maxDistanceMeters: 1500 },
    drone: { maxDistanceMeters: 7000 },
  },
  etaToleranceSeconds: 15,
};

/**
 * Before the type is known: every police kind may respond (what every type's table grants them),
 * partners and drones not, the same units {@link BUILTIN_FALLBACK_PLAN} would send.
 */
export const UNTYPED_FITNESS: Readonly<Partial<Record<UnitKind, FitnessEntry>>> = POLICE;

/** Fitness of `kind` for an incident of `type` (null: not known yet) and `priority`; null if not fit. */
export function unitFitness(
  rules: DispatchRules,
  type: IncidentType | null,
  priority: Priority,
  kind: UnitKind,
): UnitFitness | null {
  const entry = (type === null ? UNTYPED_FITNESS : rules.fitness[type])[kind];
  if (entry === undefined) return null;
  if (typeof entry === 'string') return entry;
  return entry[priority] ?? null;
}
