import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageTimes } from '@dispatch/routing';
import { joinSiteReach, sampleStandbySites, siteReach } from './standby-sites.js';
import { halvesByVertex, lattice, randomLattice } from './test-support.js';

describe('sampleStandbySites', () => {
  it('spreads one site per zone and cell over the graph nodes, deterministically', () => {
    const l = lattice(6, 6);
    const zones = halvesByVertex(l);
    const sites = sampleStandbySites(l.network, zones, { spacingMeters: 800 });
    expect(sites).toEqual(sampleStandbySites(l.network, zones, { spacingMeters: 800 }));
    // 2 km square, 800 m cells, split by the zone border: a handful of sites in each half.
    expect(sites.filter((s) => s.zone === 0).length).toBeGreaterThanOrEqual(4);
    expect(sites.filter((s) => s.zone === 1).length).toBeGreaterThanOrEqual(4);
    for (const s of sites) {
      expect(l.network.vertexNode[s.vertex]).toBeGreaterThanOrEqual(0);
      expect(zones[s.vertex]).toBe(s.zone);
    }
    const keys = sites.map((s) => {
      const x = Math.floor(l.network.vertexX[s.vertex]! / 800);
      const y = Math.floor(l.network.vertexY[s.vertex]! / 800);
      return `${s.zone}|${x}|${y}`;
    });
    expect(new Set(keys).size).toBe(sites.length);
    // Finer cells, more sites.
    expect(sampleStandbySites(l.network, zones, { spacingMeters: 400 }).length).toBeGreaterThan(sites.length);
  });
});

describe('siteReach', () => {
  it('is what a unit waiting at the site reaches, per target, to the vertex', () => {
    fc.assert(
      fc.property(randomLattice, (l) => {
        const net = l.network;
        const sites = sampleStandbySites(net, halvesByVertex(l), { spacingMeters: 500 });
        const reach = siteReach(net, sites, { targetsSeconds: [120, 60] });
        expect(reach.targetsSeconds).toEqual([60, 120]);
        sites.forEach((site, i) => {
          const seconds = coverageTimes(net, [{ id: 'x', lngLat: site.lngLat }], {
            limitSeconds: 120,
          })!.seconds;
          const masks = new Map<number, number>();
          for (let j = reach.offsets[i]!; j < reach.offsets[i + 1]!; j++)
            masks.set(reach.vertices[j]!, reach.within[j]!);
          for (let v = 0; v < net.vertexCount; v++) {
            const expected = (seconds[v]! <= 60 ? 1 : 0) | (seconds[v]! <= 120 ? 2 : 0);
            expect(masks.get(v) ?? 0).toBe(expected);
          }
        });
      }),
      { numRuns: 25 },
    );
  });
});

describe('joinSiteReach', () => {
  it('joins slices into the reach of all sites, as one call gives', () => {
    fc.assert(
      fc.property(randomLattice, fc.integer({ min: 1, max: 5 }), (l, slice) => {
        const net = l.network;
        const sites = sampleStandbySites(net, halvesByVertex(l), { spacingMeters: 400 });
        const whole = siteReach(net, sites, { targetsSeconds: [60, 120] });
        const parts = [];
        for (let i = 0; i < sites.length; i += slice)
          parts.push(siteReach(net, sites.slice(i, i + slice), { targetsSeconds: [60, 120] }));
        const joined = joinSiteReach(parts);
        expect(joined.sites).toEqual(whole.sites);
        expect([...joined.offsets]).toEqual([...whole.offsets]);
        expect([...joined.vertices]).toEqual([...whole.vertices]);
        expect([...joined.within]).toEqual([...whole.within]);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses parts built with other targets', () => {
    const l = lattice(3, 3);
    const sites = sampleStandbySites(l.network, halvesByVertex(l), { spacingMeters: 400 });
    const a = siteReach(l.network, sites, { targetsSeconds: [60] });
    const b = siteReach(l.network, sites, { targetsSeconds: [90] });
    expect(() => joinSiteReach([a, b])).toThrow(RangeError);
  });
});
