/**
 * How a simulated unit moves: routes from the road network the server routes on (same routing
 * package, same travel model per kind), driven at the route's own travel time, and patrol legs
 * inside the unit's home grid at cruising pace.
 */
import { travelCandidateOf } from '@dispatch/dispatch';
import type { LngLat, UnitKind } from '@dispatch/domain';
import { haversineMeters, routeTo, type RoadNetwork } from '@dispatch/routing';
import { makePath, type Path } from './path.js';
import type { Rng } from './prng.js';

export interface Leg {
  path: Path;
  /** Simulated seconds the whole leg takes. */
  durationSeconds: number;
}

/** Patrol pace relative to the response model: cars cruise at about half the road speed. */
const PATROL_SPEED_FACTOR = 0.5;
/** Straight-line fallback when no road path exists (same figures as the routing fallback). */
const FALLBACK_SPEED_MPS = 30 / 3.6;
const FALLBACK_DETOUR = 1.3;

export function isStationaryKind(kind: UnitKind): boolean {
  return kind === 'post' || kind === 'drone';
}

export function isWalkingKind(kind: UnitKind): boolean {
  return kind === 'post' || kind === 'foot_patrol' || kind === 'partner';
}

function straightLeg(from: LngLat, to: LngLat, speedMps: number): Leg {
  const meters = haversineMeters(from, to);
  return {
    path: makePath([from, to]),
    durationSeconds: (meters * (speedMps < 3 ? 1 : FALLBACK_DETOUR)) / speedMps,
  };
}

/**
 * The leg a unit of `kind` takes from `from` to `to`. `urgent` uses the response model (what the
 * server's ETA assumes); otherwise patrol pace. `trafficFactor` stretches the time (1 = model).
 */
export function planLeg(
  network: RoadNetwork | null,
  kind: UnitKind,
  from: LngLat,
  to: LngLat,
  options: { urgent: boolean; trafficFactor?: number },
): Leg {
  const base = travelCandidateOf({ id: 'sim', kind, lngLat: from });
  const patrol = !options.urgent;
  const candidate =
    base.mode === 'walk'
      ? { ...base, maxRangeMeters: Infinity, speedMps: patrol ? 1.1 : undefined }
      : base.mode === 'fly'
        ? base
        : { ...base, speedFactor: (base.speedFactor ?? 1) * (patrol ? PATROL_SPEED_FACTOR : 1) };
  const factor = options.trafficFactor ?? 1;
  const route = routeTo(network, candidate, to);
  if (!route.reachable || route.coordinates.length < 2 || !Number.isFinite(route.etaSeconds)) {
    const speed = base.mode === 'walk' ? 1.4 : FALLBACK_SPEED_MPS * (patrol ? PATROL_SPEED_FACTOR : 1);
    const leg = straightLeg(from, to, speed);
    return { ...leg, durationSeconds: leg.durationSeconds * factor };
  }
  return { path: makePath(route.coordinates), durationSeconds: Math.max(1, route.etaSeconds * factor) };
}

/** A patrol destination in the grid, preferably a few hundred metres away. */
export function patrolTarget(rng: Rng, vertices: readonly LngLat[], from: LngLat): LngLat {
  if (vertices.length === 0) return from;
  let best = vertices[rng.int(vertices.length)]!;
  for (let i = 0; i < 4; i++) {
    const d = haversineMeters(from, best);
    if (d >= 300 && d <= 3000) break;
    best = vertices[rng.int(vertices.length)]!;
  }
  return best;
}
