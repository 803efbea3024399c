import { describe, expect, it } from 'vitest';
import { exitEdges } from './exit-edges.js';
import { buildRoadNetwork } from './graph-build.js';
import { haversineMeters } from './geo.js';
import { at, collection, road } from './test-support/lines.js';

const arm = (dx: number, dy: number) =>
  Array.from({ length: 11 }, (_, i) => [i * 100 * dx, i * 100 * dy] as const);

describe('exitEdges', () => {
  const net = buildRoadNetwork(
    collection([
      road(arm(1, 0), { name: 'East Rd', highway: 'primary', driveSpeedKmh: 72 }), // 20 m/s
      road(arm(-1, 0), { name: 'West St' }), // 10 m/s
      road(arm(0, 1), { name: 'North St' }),
      road([...arm(0, -1)].reverse(), { name: 'Inbound St', oneway: 'yes' }), // only towards the centre
    ]),
  );

  it('finds the roads leaving the area reachable in time, where the time runs out, fastest first', () => {
    const exits = exitEdges(net, at(0, 0), 25);
    expect(exits.map((e) => e.name)).toEqual(['East Rd', 'West St', 'North St']);
    const [east, west, north] = exits;
    expect(haversineMeters(east!.point, at(0, 0))).toBeCloseTo(500, -1);
    expect(haversineMeters(west!.point, at(0, 0))).toBeCloseTo(250, -1);
    expect(haversineMeters(north!.point, at(0, 0))).toBeCloseTo(250, -1);
    expect(east).toMatchObject({ highway: 'primary' });
    expect(east!.speedMps).toBeCloseTo(20, 6);
    expect(west!.insideSeconds).toBeCloseTo(20, 1);
    expect(west!.headingDeg).toBeCloseTo(270, 0);
    expect(north!.headingDeg).toBeCloseTo(0, 0);
  });

  it('reports the origin segment itself when no node is reached in time', () => {
    const exits = exitEdges(net, at(-150, 0), 2);
    expect(exits).toHaveLength(2);
    for (const e of exits) expect(haversineMeters(e.point, at(-150, 0))).toBeCloseTo(20, 0);
    expect(exits.map((e) => Math.round(e.headingDeg)).sort()).toEqual([270, 90]);
  });

  it('is empty without a road network', () => {
    expect(exitEdges(null, at(0, 0), 60)).toEqual([]);
  });
});
