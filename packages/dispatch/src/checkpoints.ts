/**
 * Checkpoints for a fleeing suspect: man the road exits around an incident so that as many as
 * possible are held before the suspect could pass, then as many as possible at all, then with
 * the least total travel. Solved exactly as an assignment problem.
 */
import { isUnitDispatchable, type LngLat, type UnitKind } from '@dispatch/domain';
import { minCostAssignment } from './min-cost-assignment.js';
import type { DispatchUnit, TravelEstimates, TravelMethod } from './types.js';

export interface CheckpointCandidate {
  id: string;
  lngLat: LngLat;
  /** Seconds until the suspect could reach the checkpoint; null when unknown (any arrival counts). */
  suspectEtaSeconds: number | null;
  /** Travel estimate from each unit to this checkpoint. */
  etaToCheckpointByUnit: TravelEstimates;
}

export interface CheckpointAssignment {
  checkpointId: string;
  unitId: string;
  callSign: string;
  kind: UnitKind;
  etaSeconds: number;
  distanceMeters: number;
  method: TravelMethod;
  suspectEtaSeconds: number | null;
  /** Seconds the unit arrives before the suspect could (negative: after); null when unknown. */
  marginSeconds: number | null;
  inTime: boolean;
}

export type UncoveredReason =
  /** No eligible unit can reach it (in time, when late arrivals are not allowed). */
  | 'NO_REACHABLE_UNIT'
  /** Units could reach it but were all needed at other checkpoints. */
  | 'UNITS_NEEDED_ELSEWHERE';

export interface CheckpointPlan {
  assignments: CheckpointAssignment[];
  uncovered: { checkpointId: string; reason: UncoveredReason }[];
  /** Eligible units left free. */
  unusedUnitIds: string[];
}

export interface CheckpointOptions {
  /** Kinds that can hold a checkpoint (default: patrol car, motorcycle, foot patrol, post). */
  kinds?: readonly UnitKind[];
  /** Units not to use (e.g. already at the incident). */
  excludeUnitIds?: Iterable<string>;
  /** A unit is in time only if it arrives this many seconds before the suspect (default 0). */
  safetyMarginSeconds?: number;
  /** Whether a unit that arrives after the suspect may still be posted (default true). */
  allowLate?: boolean;
}

export const CHECKPOINT_UNIT_KINDS: readonly UnitKind[] = ['patrol_car', 'motorcycle', 'foot_patrol', 'post'];

interface Option {
  etaSeconds: number;
  inTime: boolean;
}

/**
 * Assigns at most one free unit to each checkpoint and each unit to at most one checkpoint,
 * optimising lexicographically: most checkpoints held in time, then most held, then least total
 * ETA. Deterministic whatever the order of `units`. Uncovered checkpoints are reported with why.
 */
export function assignCheckpoints(
  checkpoints: readonly CheckpointCandidate[],
  units: readonly DispatchUnit[],
  options: CheckpointOptions = {},
): CheckpointPlan {
  const kinds = options.kinds ?? CHECKPOINT_UNIT_KINDS;
  const excluded = new Set(options.excludeUnitIds ?? []);
  const margin = options.safetyMarginSeconds ?? 0;
  const allowLate = options.allowLate ?? true;
  const eligible = units
    .filter((u) => isUnitDispatchable(u.status) && kinds.includes(u.kind) && !excluded.has(u.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const option = (cp: CheckpointCandidate, unit: DispatchUnit): Option | null => {
    const e = cp.etaToCheckpointByUnit.get(unit.id);
    if (e === undefined || !e.reachable || !Number.isFinite(e.etaSeconds)) return null;
    const inTime = cp.suspectEtaSeconds === null || e.etaSeconds + margin <= cp.suspectEtaSeconds;
    return inTime || allowLate ? { etaSeconds: e.etaSeconds, inTime } : null;
  };
  const options2d = checkpoints.map((cp) => eligible.map((u) => option(cp, u)));

  // Lexicographic weights: any sum of ETAs < E; one uncovered costs E more than one late;
  // one checkpoint not held in time costs L > everything below it.
  const k = checkpoints.length;
  let maxEta = 1;
  for (const row of options2d) for (const o of row) if (o) maxEta = Math.max(maxEta, o.etaSeconds);
  const E = maxEta * (k + 1) + 1;
  const L = (k + 1) * E;
  const uncoveredCost = L + E;
  const infeasible = 2 * uncoveredCost;
  const cost = options2d.map((row) => [
    ...row.map((o) => (o === null ? infeasible : (o.inTime ? 0 : L) + o.etaSeconds)),
    ...checkpoints.map(() => uncoveredCost),
  ]);
  const columns = minCostAssignment(cost);

  const assignments: CheckpointAssignment[] = [];
  const uncovered: CheckpointPlan['uncovered'] = [];
  const usedUnits = new Set<string>();
  checkpoints.forEach((cp, i) => {
    const col = columns[i] ?? -1;
    const unit = eligible[col];
    const o = options2d[i]?.[col];
    if (unit === undefined || !o) {
      const anyReachable = (options2d[i] ?? []).some((x) => x !== null);
      uncovered.push({
        checkpointId: cp.id,
        reason: anyReachable ? 'UNITS_NEEDED_ELSEWHERE' : 'NO_REACHABLE_UNIT',
      });
      return;
    }
    const estimate = cp.etaToCheckpointByUnit.get(unit.id);
    usedUnits.add(unit.id);
    assignments.push({
      checkpointId: cp.id,
      unitId: unit.id,
      callSign: unit.callSign,
      kind: unit.kind,
      etaSeconds: o.etaSeconds,
      distanceMeters: estimate?.distanceMeters ?? 0,
      method: estimate?.method ?? 'straight_line',
      suspectEtaSeconds: cp.suspectEtaSeconds,
      marginSeconds: cp.suspectEtaSeconds === null ? null : cp.suspectEtaSeconds - o.etaSeconds,
      inTime: o.inTime,
    });
  });
  return {
    assignments,
    uncovered,
    unusedUnitIds: eligible.filter((u) => !usedUnits.has(u.id)).map((u) => u.id),
  };
}
