/**
 * The free units standby and move-up place, and the station-area rule they obey. How a unit
 * travels comes from the caller (dispatch's `travelCandidateOf`; this package may not import
 * dispatch): only driving units are relocated, because the site reach is a driving reach. Posts,
 * foot patrols and drones still count where they are.
 */
import type { TravelCandidate } from '@dispatch/routing';
import type { StandbySite } from './standby-sites.js';

/** A free unit that standby or move-up may send to a site. */
export interface CoverUnit {
  /** Id, position and travel mode (`travelCandidateOf`). */
  readonly candidate: TravelCandidate;
  /** Zone (grid index) of its home grid; -1: no home grid, so no station area to keep to. */
  readonly homeZone: number;
  /** Further zones it may wait in: the rest of its station's area. */
  readonly allowedZones?: readonly number[];
}

/**
 * Whether `unit` may wait at `site`; when given it replaces the zone rule entirely (e.g. a
 * station-area lookup in the server).
 */
export type SiteRule<U extends CoverUnit = CoverUnit> = (unit: U, site: StandbySite) => boolean;

/** The default rule: sites in the home zone or one of `allowedZones`; anywhere without a home zone. */
export function inStationArea(unit: CoverUnit, site: StandbySite): boolean {
  if (unit.homeZone < 0 || site.zone === unit.homeZone) return true;
  return unit.allowedZones?.includes(site.zone) ?? false;
}

/** Only driving units are relocated (the site reach is a driving reach). */
export function drives(unit: CoverUnit): boolean {
  return (unit.candidate.mode ?? 'drive') === 'drive';
}

/**
 * The station area of each zone: the other zones of the same station (`allowedZones` of a unit
 * whose home zone is i). `stationOfZone[i]` names zone i's station; null: a zone of its own.
 */
export function stationZonesOf(stationOfZone: readonly (string | null)[]): number[][] {
  const byStation = new Map<string, number[]>();
  stationOfZone.forEach((station, zone) => {
    if (station !== null) byStation.set(station, [...(byStation.get(station) ?? []), zone]);
  });
  return stationOfZone.map((station, zone) =>
    station === null ? [] : byStation.get(station)!.filter((other) => other !== zone),
  );
}
