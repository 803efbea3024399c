import { describe, expect, it } from 'vitest';
import { estimatePrepared, estimateTravelTimes } from './estimate.js';
import { prepareCandidates } from './candidates.js';
import { buildRoadNetwork } from './graph-build.js';
import { haversineMeters } from './geo.js';
import { at, collection, road } from './test-support/lines.js';
import type { TravelCandidate, TravelEstimate } from './travel-types.js';

const byId = (results: TravelEstimate[]) => new Map(results.map((r) => [r.id, r]));

// All test roads: 36 km/h = 10 m/s, so seconds are meters / 10.
describe('estimateTravelTimes on road networks', () => {
  it('a river with one far bridge: the unit straight across is slower than one farther away on the same bank', () => {
    const net = buildRoadNetwork(
      collection([
        road(
          [
            [0, 100],
            [1000, 100],
            [2000, 100],
            [3000, 100],
          ],
          { name: 'North bank' },
        ),
        road(
          [
            [0, -100],
            [1000, -100],
            [2000, -100],
            [3000, -100],
          ],
          { name: 'South bank' },
        ),
        road(
          [
            [3000, -100],
            [3000, 100],
          ],
          { name: 'Bridge' },
        ),
      ]),
    );
    const incident = at(500, 100);
    const units: TravelCandidate[] = [
      { id: 'across', lngLat: at(500, -100) },
      { id: 'same-bank', lngLat: at(1500, 100) },
    ];
    const r = byId(estimateTravelTimes(net, incident, units));
    expect(r.get('across')!.etaSeconds).toBeCloseTo((2500 + 200 + 2500) / 10, 0);
    expect(r.get('same-bank')!.etaSeconds).toBeCloseTo(100, 0);
    expect(r.get('same-bank')!.distanceMeters).toBeCloseTo(1000, -1);
    expect(estimateTravelTimes(net, incident, units)[0]!.id).toBe('same-bank');
    // Straight-line ranking picks the wrong unit here: that is the point of road routing.
    expect(estimateTravelTimes(null, incident, units)[0]!.id).toBe('across');
  });

  it('one-way street: the unit downstream of the incident must go round the block', () => {
    const net = buildRoadNetwork(
      collection([
        road(
          [
            [0, 0],
            [1000, 0],
          ],
          { oneway: 'yes' },
        ),
        road([
          [1000, 0],
          [1000, 500],
          [0, 500],
          [0, 0],
        ]),
      ]),
    );
    const r = byId(
      estimateTravelTimes(net, at(800, 0), [
        { id: 'upstream', lngLat: at(200, 0) },
        { id: 'downstream', lngLat: at(900, 0) },
      ]),
    );
    // Same segment as the incident: direct along it when the direction allows...
    expect(r.get('upstream')!.etaSeconds).toBeCloseTo(60, 1);
    // ...else around: 100 to the corner, 2000 round the loop, 800 back along the street.
    expect(r.get('downstream')!.etaSeconds).toBeCloseTo(290, 1);
    expect(r.get('downstream')!.distanceMeters).toBeCloseTo(2900, -1);
  });

  it('same segment, two-way and reversed one-way', () => {
    const twoWay = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [1000, 0],
        ]),
      ]),
    );
    const reversed = buildRoadNetwork(
      collection([
        road(
          [
            [0, 0],
            [1000, 0],
          ],
          { oneway: '-1' },
        ),
        road([
          [0, 0],
          [0, 300],
          [1000, 300],
          [1000, 0],
        ]),
      ]),
    );
    const units = [
      { id: 'west', lngLat: at(200, 0) },
      { id: 'east', lngLat: at(900, 0) },
    ];
    const a = byId(estimateTravelTimes(twoWay, at(800, 0), units));
    expect(a.get('west')!.etaSeconds).toBeCloseTo(60, 1);
    expect(a.get('east')!.etaSeconds).toBeCloseTo(10, 1);
    const b = byId(estimateTravelTimes(reversed, at(800, 0), units));
    expect(b.get('east')!.etaSeconds).toBeCloseTo(10, 1);
    expect(b.get('west')!.etaSeconds).toBeCloseTo((200 + 300 + 1000 + 300 + 200) / 10, 1);
  });

  it('disconnected parts: units on an island are reported unreachable', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [1000, 0],
          [1000, 1000],
          [0, 1000],
          [0, 0],
        ]),
        road(
          [
            [5000, 0],
            [5500, 0],
          ],
          { name: 'Island' },
        ),
      ]),
    );
    const r = byId(
      estimateTravelTimes(net, at(500, 0), [
        { id: 'main', lngLat: at(0, 500) },
        { id: 'island', lngLat: at(5200, 0) },
      ]),
    );
    expect(r.get('main')).toMatchObject({ reachable: true, method: 'road' });
    expect(r.get('island')).toMatchObject({
      reachable: false,
      reason: 'no_path',
      etaSeconds: Infinity,
      method: 'road',
    });
    const fromIsland = estimateTravelTimes(net, at(5100, 0), [{ id: 'main', lngLat: at(0, 500) }]);
    expect(fromIsland[0]).toMatchObject({ reachable: false, reason: 'no_path' });
  });

  it('adds the off-road offsets: unit at slow driving speed, incident on foot; motorcycles go faster on roads', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [1000, 0],
        ]),
      ]),
    );
    const [car] = estimateTravelTimes(net, at(1000, 14), [{ id: 'car', lngLat: at(0, 50) }]);
    expect(car!.etaSeconds).toBeCloseTo(50 / 5 + 100 + 14 / 1.4, 0);
    expect(car!.distanceMeters).toBeCloseTo(50 + 1000 + 14, -1);
    const [moto] = estimateTravelTimes(net, at(1000, 0), [
      { id: 'moto', lngLat: at(0, 0), speedFactor: 1.25 },
    ]);
    expect(moto!.etaSeconds).toBeCloseTo(80, 1);
  });

  it('k: only the best k drivers are certain, the others say so', () => {
    // Side streets every 250 m make junctions, so the search has nodes to stop at.
    const sideStreets = Array.from({ length: 21 }, (_, i) =>
      road([
        [i * 250, 0],
        [i * 250, 50],
      ]),
    );
    const net = buildRoadNetwork(
      collection([road(Array.from({ length: 21 }, (_, i) => [i * 250, 0] as const)), ...sideStreets]),
    );
    const units = [1000, 3000, 200, 4000, 2500].map((x, i) => ({ id: `u${i}`, lngLat: at(x, 0) }));
    const results = estimateTravelTimes(net, at(0, 0), units, { k: 2 });
    expect(results.slice(0, 2).map((r) => r.id)).toEqual(['u2', 'u0']);
    expect(results.filter((r) => r.reachable)).toHaveLength(2);
    expect(results.slice(2).every((r) => r.reason === 'not_in_top_k')).toBe(true);
  });

  it('prepared candidates give the same answers for many targets', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [1000, 0],
          [1000, 1000],
          [0, 1000],
          [0, 0],
        ]),
        road(
          [
            [0, 500],
            [1000, 500],
          ],
          { oneway: 'yes' },
        ),
      ]),
    );
    const units: TravelCandidate[] = [
      { id: 'a', lngLat: at(100, 20) },
      { id: 'b', lngLat: at(900, 510) },
      { id: 'post', lngLat: at(500, 990), mode: 'walk' },
      { id: 'drone', lngLat: at(0, 0), mode: 'fly' },
    ];
    const prepared = prepareCandidates(net, units);
    for (const target of [at(300, 500), at(1000, 700), at(10, 990)]) {
      expect(estimatePrepared(prepared, target)).toEqual(estimateTravelTimes(net, target, units));
    }
  });
});

describe('units that do not drive', () => {
  const net = buildRoadNetwork(
    collection([
      road([
        [0, 0],
        [3000, 0],
      ]),
      road(
        [
          [0, 0],
          [0, 3000],
        ],
        { highway: 'footway' },
      ),
    ]),
  );

  it('a post walks along roads (footways too) within its range, else it is out of range', () => {
    const r = byId(
      estimateTravelTimes(net, at(0, 800), [
        { id: 'near', lngLat: at(300, 0), mode: 'walk' },
        { id: 'far', lngLat: at(2000, 0), mode: 'walk' },
        { id: 'far-long-range', lngLat: at(2000, 0), mode: 'walk', maxRangeMeters: 5000, speedMps: 2 },
      ]),
    );
    expect(r.get('near')).toMatchObject({ method: 'walk', reachable: true });
    expect(r.get('near')!.distanceMeters).toBeCloseTo(1100, -1);
    expect(r.get('near')!.etaSeconds).toBeCloseTo(1100 / 1.4, -1);
    expect(r.get('far')).toMatchObject({ reachable: false, reason: 'out_of_range', etaSeconds: Infinity });
    expect(r.get('far-long-range')!.etaSeconds).toBeCloseTo(2800 / 2, -1);
  });

  it('a drone flies straight at its speed after take-off, within its range', () => {
    const target = at(0, 800);
    const from = at(3000, 0);
    const crow = haversineMeters(from, target);
    const r = byId(
      estimateTravelTimes(net, target, [
        { id: 'default', lngLat: from, mode: 'fly' },
        { id: 'fast', lngLat: from, mode: 'fly', speedMps: 25, takeoffSeconds: 5 },
        { id: 'short', lngLat: from, mode: 'fly', maxRangeMeters: 1000 },
      ]),
    );
    expect(r.get('default')).toMatchObject({ method: 'flight', reachable: true, distanceMeters: crow });
    expect(r.get('default')!.etaSeconds).toBeCloseTo(20 + crow / 15, 6);
    expect(r.get('fast')!.etaSeconds).toBeCloseTo(5 + crow / 25, 6);
    expect(r.get('short')).toMatchObject({ reachable: false, reason: 'out_of_range' });
  });
});

describe('fallbacks and bad input', () => {
  const units: TravelCandidate[] = [
    { id: 'car', lngLat: at(0, 0) },
    { id: 'post', lngLat: at(600, 0), mode: 'walk' },
    { id: 'far-post', lngLat: at(5000, 0), mode: 'walk' },
  ];
  const target = at(1000, 0);

  it('without a road network every estimate is straight-line and says so', () => {
    const empty = buildRoadNetwork(collection([]));
    for (const net of [null, empty]) {
      const r = byId(estimateTravelTimes(net, target, units));
      expect(r.get('car')).toMatchObject({ method: 'straight_line', reachable: true });
      expect(r.get('car')!.etaSeconds).toBeCloseTo((1000 * 1.3) / (30 / 3.6), 0);
      expect(r.get('post')!.etaSeconds).toBeCloseTo((400 * 1.3) / 1.4, 0);
      expect(r.get('far-post')).toMatchObject({
        method: 'straight_line',
        reachable: false,
        reason: 'out_of_range',
      });
    }
  });

  it('units or incidents far from any road fall back to straight lines', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [1000, 0],
        ]),
      ]),
    );
    const r = byId(
      estimateTravelTimes(net, at(500, 0), [
        { id: 'in-a-field', lngLat: at(500, 2000) },
        { id: 'on-road', lngLat: at(0, 0) },
      ]),
    );
    expect(r.get('in-a-field')!.method).toBe('straight_line');
    expect(r.get('on-road')!.method).toBe('road');
    const offRoadIncident = estimateTravelTimes(net, at(500, 3000), [{ id: 'on-road', lngLat: at(0, 0) }]);
    expect(offRoadIncident[0]!.method).toBe('straight_line');
  });

  it('invalid positions are reported, not guessed', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [1000, 0],
        ]),
      ]),
    );
    const r = estimateTravelTimes(net, target, [
      { id: 'nan', lngLat: [NaN, 39.9] },
      { id: 'ok', lngLat: at(0, 0) },
    ]);
    expect(r.map((x) => [x.id, x.reason])).toEqual([
      ['ok', null],
      ['nan', 'invalid_position'],
    ]);
    const bad = estimateTravelTimes(net, [200, 0], [{ id: 'ok', lngLat: at(0, 0) }]);
    expect(bad[0]).toMatchObject({ reachable: false, reason: 'invalid_position' });
  });

  it('maxSeconds turns slower units unreachable, for every mode', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [3000, 0],
        ]),
      ]),
    );
    const r = byId(
      estimateTravelTimes(
        net,
        at(0, 0),
        [
          { id: 'near', lngLat: at(500, 0) },
          { id: 'far', lngLat: at(2500, 0) },
          { id: 'drone', lngLat: at(2500, 0), mode: 'fly' },
          { id: 'post', lngLat: at(1000, 0), mode: 'walk' },
        ],
        { maxSeconds: 120 },
      ),
    );
    expect(r.get('near')!.reachable).toBe(true);
    expect(r.get('far')).toMatchObject({ reachable: false, reason: 'beyond_max_seconds' });
    expect(r.get('drone')).toMatchObject({ reachable: false, reason: 'beyond_max_seconds' });
    expect(r.get('post')).toMatchObject({ reachable: false, reason: 'beyond_max_seconds' });
  });
});
