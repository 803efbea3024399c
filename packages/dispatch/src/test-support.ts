// Builders and fast-check arbitraries shared by the dispatch tests (not exported by the package).
import {
  CAPABILITIES,
  INCIDENT_TYPES,
  PRIORITIES,
  UNIT_KINDS,
  UNIT_STATUSES,
  type Capability,
  type UnitKind,
  type UnitStatus,
} from '@dispatch/domain';
import fc from 'fast-check';
import type { DispatchIncident, DispatchUnit, TravelEstimate, TravelMethod } from './types.js';

export function unit(
  id: string,
  kind: UnitKind,
  extra: Partial<Omit<DispatchUnit, 'id' | 'kind'>> = {},
): DispatchUnit {
  return {
    id,
    callSign: id.toUpperCase(),
    kind,
    status: 'available',
    homeGridId: null,
    currentGridId: null,
    capabilities: [],
    lngLat: [121.47, 31.23],
    ...extra,
  };
}

export function eta(etaSeconds: number, extra: Partial<TravelEstimate> = {}): TravelEstimate {
  return { etaSeconds, distanceMeters: etaSeconds * 8, method: 'road', reachable: true, ...extra };
}

export const incidentAt = (
  type: DispatchIncident['type'],
  priority: DispatchIncident['priority'] = 1,
  gridId: string | null = 'g1',
): DispatchIncident => ({ type, priority, lngLat: [121.47, 31.23], gridId });

export const incidentArb: fc.Arbitrary<DispatchIncident> = fc.record({
  // null: placed while the type is not chosen yet.
  type: fc.constantFrom(...INCIDENT_TYPES, null),
  priority: fc.constantFrom(...PRIORITIES),
  lngLat: fc.constant([121.47, 31.23] as const),
  gridId: fc.constantFrom('g1', 'g2', null),
});

const METHODS: readonly TravelMethod[] = ['road', 'walk', 'flight', 'straight_line'];

/** Units with unique ids, each with an estimate (or none), over all kinds and statuses. */
export const fleetArb = (
  options: { statuses?: readonly UnitStatus[]; minLength?: number; maxLength?: number } = {},
) =>
  fc
    .array(
      fc.record({
        kind: fc.constantFrom(...UNIT_KINDS),
        // Mostly free units so the algorithms have enough candidates to get wrong.
        status: options.statuses
          ? fc.constantFrom(...options.statuses)
          : fc.oneof(
              { arbitrary: fc.constantFrom<UnitStatus>('available', 'returning'), weight: 4 },
              { arbitrary: fc.constantFrom(...UNIT_STATUSES), weight: 1 },
            ),
        homeGridId: fc.constantFrom('g1', 'g2', null),
        capabilities: fc.subarray([...CAPABILITIES] as Capability[]),
        estimate: fc.option(
          fc.record({
            etaSeconds: fc.integer({ min: 0, max: 600 }),
            distanceMeters: fc.integer({ min: 0, max: 6000 }),
            method: fc.constantFrom(...METHODS),
            reachable: fc.integer({ min: 0, max: 9 }).map((x) => x > 0),
          }),
          { freq: 8 },
        ),
      }),
      { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 30 },
    )
    .map((rows) => {
      const units = rows.map((r, i) =>
        unit(`u${String(i).padStart(2, '0')}`, r.kind, {
          status: r.status,
          homeGridId: r.homeGridId,
          capabilities: r.capabilities,
        }),
      );
      const estimates = new Map<string, TravelEstimate>();
      rows.forEach((r, i) => {
        if (r.estimate) estimates.set((units[i] as DispatchUnit).id, r.estimate);
      });
      return { units, estimates };
    });
