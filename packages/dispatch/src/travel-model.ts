/**
 * How each kind of unit travels to a call, and what a unit is as dispatch ranks it. One definition
 * for the server's recommendations and checkpoints and for the simulator's policies and movement:
 * if these disagree, the simulator measures a different console from the one that runs.
 */
import type { Capability, LngLat, UnitKind, UnitStatus } from '@dispatch/domain';
import type { TravelCandidate } from '@dispatch/routing';
import type { DispatchUnit } from './types.js';

/** Searches stop here: a unit more than 20 minutes away is no recommendation. */
export const MAX_SEARCH_SECONDS = 20 * 60;

/**
 * A street post's officers answer on foot within its range; a post stores its own
 * (`post.range_meters`, default 800 m). This is that same default, for a post unit whose post is
 * not known: the schema's value, so an unknown post behaves like a stored one.
 */
export const DEFAULT_POST_RANGE_METERS = 800;
/** Foot patrols and partner forces walk to calls up to this far. */
export const FOOT_RANGE_METERS = 2000;
/** Motorcycles get through traffic a little faster than cars. */
export const MOTORCYCLE_SPEED_FACTOR = 1.1;

/** The facts about a unit that decide how it travels. */
export interface TravelUnit {
  id: string;
  kind: UnitKind | string;
  lngLat: LngLat;
  /** Range of the unit's post, if it has one. */
  postRangeMeters?: number | null;
}

/** How a unit of each kind moves: posts and foot patrols and partners walk, drones fly, vehicles drive. */
export function travelCandidateOf(unit: TravelUnit): TravelCandidate {
  const { id, lngLat } = unit;
  switch (unit.kind) {
    case 'post':
      return { id, lngLat, mode: 'walk', maxRangeMeters: unit.postRangeMeters ?? DEFAULT_POST_RANGE_METERS };
    case 'foot_patrol':
    case 'partner':
      return { id, lngLat, mode: 'walk', maxRangeMeters: FOOT_RANGE_METERS };
    case 'drone':
      return { id, lngLat, mode: 'fly' };
    case 'motorcycle':
      return { id, lngLat, speedFactor: MOTORCYCLE_SPEED_FACTOR };
    default:
      return { id, lngLat };
  }
}

/** A unit record as stored or sent (server roster rows, the simulator's unit DTOs). */
export interface UnitRecord {
  id: string;
  callSign: string;
  kind: UnitKind;
  status: UnitStatus;
  homeGridId: string | null;
  currentGridId: string | null;
  capabilities: readonly string[];
}

/** The unit at `lngLat` as dispatch ranks it. */
export function toDispatchUnit(unit: UnitRecord, lngLat: LngLat): DispatchUnit {
  return {
    id: unit.id,
    callSign: unit.callSign,
    kind: unit.kind,
    status: unit.status,
    homeGridId: unit.homeGridId,
    currentGridId: unit.currentGridId,
    capabilities: unit.capabilities as Capability[],
    lngLat,
  };
}
