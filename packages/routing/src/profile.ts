import {
  CAR_BACKWARD,
  CAR_FORWARD,
  WALKABLE,
  type Adjacency,
  type RoadNetwork,
  type TurnStates,
} from './network.js';
import type { Snap, SnapProfile } from './snap.js';

/** How one kind of traveller uses the network: which arcs, which cost. */
export interface SearchProfile {
  readonly kind: 'drive' | 'walk';
  /** Arcs by source node: searches going out from an origin. */
  readonly outbound: Adjacency;
  /** Arcs by target node: searches coming back from a target. */
  readonly inbound: Adjacency;
  /** Flag that allows travel from `edgeFrom` to `edgeTo`, and the reverse. */
  readonly forwardMask: number;
  readonly backwardMask: number;
  /** Cost of a whole edge / segment in search units (seconds when driving, meters when walking). */
  readonly edgeCost: Float64Array;
  readonly segCost: Float64Array;
  /** Cost along an edge from its start to a segment's start. */
  readonly segStartCost: Float64Array;
  readonly snapProfile: SnapProfile;
}

/** Driving: one-way respected, cost in seconds. */
export function driveProfile(net: RoadNetwork): SearchProfile {
  return {
    kind: 'drive',
    outbound: net.forward,
    inbound: net.reverse,
    forwardMask: CAR_FORWARD,
    backwardMask: CAR_BACKWARD,
    edgeCost: net.edgeSeconds,
    segCost: net.segSeconds,
    segStartCost: net.segStartSeconds,
    snapProfile: 'drive',
  };
}

/** Walking: both directions of every walkable edge, cost in meters. */
export function walkProfile(net: RoadNetwork): SearchProfile {
  return {
    kind: 'walk',
    outbound: net.walk,
    inbound: net.walk,
    forwardMask: WALKABLE,
    backwardMask: WALKABLE,
    edgeCost: net.edgeMeters,
    segCost: net.segMeters,
    segStartCost: net.segStartMeters,
    snapProfile: 'walk',
  };
}

/** Cost along the snap's edge from the edge start to the snapped point. */
export function alongCost(p: SearchProfile, snap: Snap): number {
  return p.kind === 'drive' ? snap.alongSeconds : snap.alongMeters;
}

/** A way between a point on an edge and one of the edge's end nodes. */
export interface EndLink {
  readonly node: number;
  /** 0: the edge's `from` end, 1: its `to` end. */
  readonly side: 0 | 1;
  readonly cost: number;
  readonly meters: number;
}

/**
 * Where a traveller standing at `snap` can get onto the graph (`leaving`), or from which node it can
 * reach `snap` (arriving): partial edge costs up to each end the direction rules allow. A snap on
 * an end vertex is at that node, whatever the edge's direction.
 */
export function endLinks(net: RoadNetwork, p: SearchProfile, snap: Snap, leaving: boolean): EndLink[] {
  const e = snap.edge;
  const flags = net.edgeFlags[e]!;
  const pos = alongCost(p, snap);
  const total = p.edgeCost[e]!;
  const len = net.edgeMeters[e]!;
  // Leaving towards `to` (or arriving from `from`) runs along the edge forwards.
  const towardTo = leaving ? (flags & p.forwardMask) !== 0 : (flags & p.backwardMask) !== 0;
  const towardFrom = leaving ? (flags & p.backwardMask) !== 0 : (flags & p.forwardMask) !== 0;
  const links: EndLink[] = [];
  const turns = p.kind === 'drive' ? net.turns : null;
  if (turns) return turnEndLinks(net, turns, snap, leaving, towardFrom, towardTo, pos, total, len);
  if (snap.atFrom) links.push({ node: snap.from, side: 0, cost: 0, meters: 0 });
  else if (towardFrom) links.push({ node: snap.from, side: 0, cost: pos, meters: snap.alongMeters });
  if (snap.atTo) links.push({ node: snap.to, side: 1, cost: 0, meters: 0 });
  else if (towardTo)
    links.push({
      node: snap.to,
      side: 1,
      cost: Math.max(0, total - pos),
      meters: Math.max(0, len - snap.alongMeters),
    });
  return links;
}

/**
 * {@link endLinks} on a graph with turn restrictions: a car driving off its edge arrives at the
 * end in the state "came along this edge"; a car driving onto the target's edge may come from any
 * state allowed to take it; a point on a junction is left from the junction itself (no previous
 * road) and reached in any of its states.
 */
function turnEndLinks(
  net: RoadNetwork,
  turns: TurnStates,
  snap: Snap,
  leaving: boolean,
  towardFrom: boolean,
  towardTo: boolean,
  pos: number,
  total: number,
  len: number,
): EndLink[] {
  const links: EndLink[] = [];
  const e = snap.edge;
  const end = (side: 0 | 1, node: number, cost: number, meters: number): void => {
    if (leaving) {
      links.push({ node: turns.arrival[2 * e + side]!, side, cost, meters });
      return;
    }
    for (let i = turns.departOffsets[2 * e + side]!; i < turns.departOffsets[2 * e + side + 1]!; i++)
      links.push({ node: turns.departStates[i]!, side, cost, meters });
    if (turns.departOffsets[2 * e + side] === turns.departOffsets[2 * e + side + 1])
      links.push({ node, side, cost, meters });
  };
  const at = (side: 0 | 1, node: number): void => {
    links.push({ node, side, cost: 0, meters: 0 });
    if (leaving || node >= turns.junctionCount) return;
    for (let i = turns.copyOffsets[node]!; i < turns.copyOffsets[node + 1]!; i++)
      links.push({ node: turns.copies[i]!, side, cost: 0, meters: 0 });
  };
  if (snap.atFrom) at(0, snap.from);
  else if (towardFrom) end(0, snap.from, pos, snap.alongMeters);
  if (snap.atTo) at(1, snap.to);
  else if (towardTo) end(1, snap.to, Math.max(0, total - pos), Math.max(0, len - snap.alongMeters));
  return links;
}

/** Cost of travelling along one edge from snap `a` to snap `b` without leaving it (Infinity if not allowed). */
export function alongEdge(
  net: RoadNetwork,
  p: SearchProfile,
  a: Snap,
  b: Snap,
): { cost: number; meters: number } {
  if (a.edge !== b.edge) return { cost: Infinity, meters: Infinity };
  const flags = net.edgeFlags[a.edge]!;
  const d = b.alongMeters - a.alongMeters;
  const allowed = d === 0 || (d > 0 ? (flags & p.forwardMask) !== 0 : (flags & p.backwardMask) !== 0);
  if (!allowed) return { cost: Infinity, meters: Infinity };
  return { cost: Math.abs(alongCost(p, b) - alongCost(p, a)), meters: Math.abs(d) };
}
