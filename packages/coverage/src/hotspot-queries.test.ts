import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, zonedMidnight, type IncidentType } from '@dispatch/domain';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { buildDemandSurface, type IncidentRecord } from './demand-surface.js';
import { expectedDemand, topHotspots } from './hotspot-queries.js';
import { hoursBetween } from './hour-of-week.js';

const TZ = 'Asia/Shanghai';
const MONDAY = zonedMidnight('2026-11-02', TZ);
const NOW = MONDAY + 28 * 86_400_000;
/** Eight places ~1 km apart; grid 'west' holds the first four. */
const PLACES: [number, number][] = Array.from({ length: 8 }, (_, i) => [120.1 + i * 0.01, 30.27]);
const gridOf = (cell: string) => (cellToLatLng(cell)[1] < 120.135 ? 'west' : 'east');

const at = (
  place: number,
  priority: 1 | 2 | 3 | 4 = 3,
  type: IncidentType = 'theft',
  hour = 10,
): IncidentRecord => ({
  lngLat: PLACES[place]!,
  receivedAt: MONDAY + hour * 3_600_000,
  priority,
  type,
});

describe('topHotspots', () => {
  it('ranks the cells of each grid by weighted demand, with counts and main types', () => {
    const incidents = [
      at(0),
      at(0),
      at(0, 3, 'fight'),
      at(0, 3, 'fight'),
      at(0, 3, 'fight'),
      at(1, 1, 'robbery'),
      at(1, 1, 'robbery'),
      at(2, 4, 'noise'),
      at(5, 2, 'dispute'),
    ];
    const surface = buildDemandSurface(incidents, { now: NOW, timeZone: TZ });
    const top = topHotspots(surface, gridOf, { limit: 2, types: 2 });
    expect([...top.keys()].sort()).toEqual(['east', 'west']);
    const west = top.get('west')!;
    // Two robberies (P1, weight 4 each) outrank five P3 incidents.
    expect(west.map((c) => c.cell)).toEqual([1, 0].map((p) => latLngToCell(30.27, PLACES[p]![0], 9)));
    expect(west[0]).toMatchObject({ incidents: 2, demand: 8, mainTypes: [{ type: 'robbery', count: 2 }] });
    expect(west[1]).toMatchObject({
      incidents: 5,
      demand: 5,
      mainTypes: [
        { type: 'fight', count: 3 },
        { type: 'theft', count: 2 },
      ],
    });
    expect(top.get('east')).toHaveLength(1);
    expect(west[0]!.expectedDemandPerWeek).toBeGreaterThan(0);
  });

  it('more incidents in a cell never lower its rank', () => {
    const arb = fc.array(
      fc.record({ place: fc.integer({ min: 0, max: 7 }), priority: fc.constantFrom(...PRIORITIES) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        arb,
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom(...PRIORITIES),
        (base, place, priority) => {
          const rankOf = (incidents: IncidentRecord[]) => {
            const surface = buildDemandSurface(incidents, { now: NOW, timeZone: TZ });
            const list = topHotspots(surface, () => 'all', { limit: 100 }).get('all') ?? [];
            const cell = latLngToCell(30.27, PLACES[place]![0], 9);
            const i = list.findIndex((c) => c.cell === cell);
            return i < 0 ? Infinity : i;
          };
          const incidents = base.map((b) => at(b.place, b.priority));
          expect(rankOf([...incidents, at(place, priority)])).toBeLessThanOrEqual(rankOf(incidents));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('expectedDemand', () => {
  it('of a shift is the weighted sum of its hours', () => {
    const surface = buildDemandSurface(
      Array.from({ length: 30 }, (_, i) => at(i % 8, 3, 'theft', (i * 7) % 48)),
      { now: NOW, timeZone: TZ },
    );
    const shift = hoursBetween(8 * 60 + 30, 20 * 60);
    const sum = expectedDemand(surface, shift);
    const byHour = shift.map((h) => expectedDemand(surface, h.hourOfWeek));
    sum.forEach((v, c) =>
      expect(v).toBeCloseTo(
        byHour.reduce((a, e, i) => a + shift[i]!.weight * e[c]!, 0),
        12,
      ),
    );
  });
});
