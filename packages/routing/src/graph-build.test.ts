import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import { at, collection, road } from './test-support/lines.js';
import type { InputFeature } from './geojson.js';

function arcs(net: ReturnType<typeof buildRoadNetwork>, adj = net.forward): [number, number][] {
  const out: [number, number][] = [];
  for (let v = 0; v < net.nodeCount; v++) {
    for (let a = adj.offsets[v]!; a < adj.offsets[v + 1]!; a++) out.push([v, adj.heads[a]!]);
  }
  return out;
}

/** Graph node at a point given in meters. */
function nodeAt(net: ReturnType<typeof buildRoadNetwork>, x: number, y: number): number {
  const [lng, lat] = at(x, y);
  for (let v = 0; v < net.vertexCount; v++) {
    if (Math.abs(net.vertexLng[v]! - lng) < 1e-9 && Math.abs(net.vertexLat[v]! - lat) < 1e-9)
      return net.vertexNode[v]!;
  }
  return -1;
}

describe('buildRoadNetwork', () => {
  it('shares vertices where lines meet (also a hair apart) and chains shape vertices into edges', () => {
    const net = buildRoadNetwork(
      collection([
        road(
          [
            [0, 0],
            [100, 0],
            [200, 0],
          ],
          { maxspeed: 36 },
        ),
        road(
          [
            [100, -100],
            [100, 0],
            [100, 100],
          ],
          { driveSpeedKmh: undefined, maxspeed: '18' },
        ),
        {
          type: 'Feature',
          properties: { highway: 'residential' },
          geometry: { type: 'LineString', coordinates: [[at(200, 0)[0] + 2e-9, at(200, 0)[1]], at(300, 0)] },
        },
      ]),
    );
    // (200, 0) joins two lines with the same rules: a shape vertex inside the edge (100,0)-(300,0).
    expect(net.report).toMatchObject({
      vertexCount: 6,
      segmentCount: 5,
      nodeCount: 5,
      edgeCount: 4,
      arcCount: 8,
    });
    expect(net.report).toMatchObject({ componentCount: 1, largestComponentSize: 5 });
    expect(nodeAt(net, 200, 0)).toBe(-1);
    const end = nodeAt(net, 300, 0);
    const e = [...net.edgeFrom.keys()].find((i) => net.edgeFrom[i] === end || net.edgeTo[i] === end)!;
    expect(net.edgeMeters[e]).toBeCloseTo(200, 0);
    // 100 m at 36 km/h (10 m/s) then 100 m at the residential default, 30 km/h.
    expect(net.edgeSeconds[e]).toBeCloseTo(10 + 100 / (30 / 3.6), 1);
    const b = [...net.edgeFrom.keys()].find((i) =>
      [net.edgeFrom[i], net.edgeTo[i]].includes(nodeAt(net, 100, 100)),
    )!;
    // maxspeed "18" on a residential street (implied limit 50): the class speed scaled by 0.4 at
    // most, 12 km/h.
    expect(net.edgeSeconds[b]).toBeCloseTo(100 / (12 / 3.6), 1);
  });

  it('gives one-way roads a single direction: oneway tags, roundabouts and motorways', () => {
    const rows: [Record<string, unknown>, boolean, boolean, boolean][] = [
      [{ oneway: 'yes' }, true, false, true],
      [{ oneway: '-1' }, false, true, true],
      [{ junction: 'roundabout' }, true, false, true],
      [{ highway: 'motorway' }, true, false, false],
      [{ highway: 'motorway', oneway: 'no' }, true, true, false],
      [{ highway: 'footway' }, false, false, true],
    ];
    const net = buildRoadNetwork(
      collection(
        rows.map(([props], i) =>
          road(
            [
              [0, i * 100],
              [100, i * 100],
            ],
            props,
          ),
        ),
      ),
    );
    const drive = arcs(net);
    const walk = arcs(net, net.walk);
    rows.forEach(([, forward, backward, walkable], i) => {
      const a = nodeAt(net, 0, i * 100);
      const b = nodeAt(net, 100, i * 100);
      expect(drive.some(([u, v]) => u === a && v === b)).toBe(forward);
      expect(drive.some(([u, v]) => u === b && v === a)).toBe(backward);
      expect(walk.some(([u, v]) => u === a && v === b)).toBe(walkable);
    });
    expect(net.report.arcCount).toBe(1 + 1 + 1 + 1 + 2);
    // The reverse graph holds exactly the forward arcs turned round.
    const rev = arcs(net, net.reverse).map(([v, u]) => [u, v]);
    expect(rev.sort()).toEqual(drive.sort());
  });

  it('reads MultiLineStrings part by part', () => {
    const net = buildRoadNetwork(
      collection([
        {
          type: 'Feature',
          properties: { highway: 'primary', name: 'Chang\u2019an Avenue' },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [at(0, 0), at(100, 0)],
              [at(0, 50), at(100, 50), at(200, 50)],
            ],
          },
        },
      ]),
    );
    expect(net.report).toMatchObject({
      vertexCount: 5,
      segmentCount: 3,
      nodeCount: 4,
      edgeCount: 2,
      weakComponentCount: 2,
      componentCount: 2,
    });
    expect(net.features[0]!.name).toBe('Chang\u2019an Avenue');
  });

  it('reports malformed and non-road features instead of dropping them silently', () => {
    const bad: unknown[] = [
      road([
        [0, 0],
        [100, 0],
      ]),
      {
        type: 'Feature',
        id: 'pt',
        properties: { name: 'A point' },
        geometry: { type: 'Point', coordinates: at(0, 0) },
      },
      { type: 'Feature', id: 'nogeom', properties: {}, geometry: null },
      {
        type: 'Feature',
        id: 'nan',
        properties: {},
        geometry: { type: 'LineString', coordinates: [[NaN, 39.9], at(1, 1)] },
      },
      {
        type: 'Feature',
        properties: { id: 'one' },
        geometry: { type: 'LineString', coordinates: [at(0, 0), at(0, 0)] },
      },
      {
        type: 'Feature',
        properties: { '@id': 'way/7', highway: 'construction' },
        geometry: road([
          [0, 0],
          [1, 1],
        ]).geometry,
      },
      {
        type: 'Feature',
        properties: { highway: 'mystery_road' },
        geometry: road([
          [0, 10],
          [100, 10],
        ]).geometry,
      },
      {
        type: 'Feature',
        properties: {},
        geometry: road([
          [0, 20],
          [100, 20],
        ]).geometry,
      },
      {
        type: 'Feature',
        id: 'half',
        properties: { highway: 'service' },
        geometry: { type: 'MultiLineString', coordinates: [[at(0, 30), at(100, 30)], [at(0, 40)]] },
      },
      'garbage',
    ];
    const net = buildRoadNetwork(collection(bad as InputFeature[]));
    const issues = net.report.issues.map((i) => [i.index, i.id, i.code, i.kept]);
    expect(issues).toEqual([
      [1, 'pt', 'unsupported_geometry', false],
      [2, 'nogeom', 'bad_geometry', false],
      [3, 'nan', 'bad_geometry', false],
      [4, 'one', 'bad_geometry', false],
      [5, 'way/7', 'not_routable', false],
      [6, null, 'unknown_highway', true],
      [7, null, 'missing_highway', true],
      [8, 'half', 'bad_geometry', false],
      [9, null, 'not_a_feature', false],
    ]);
    expect(net.report.issues[0]!.name).toBe('A point');
    expect(net.report.featuresUsed).toBe(4);
    expect(net.report.segmentCount).toBe(4);
  });

  it('counts disconnected pieces and one-way traps as separate components', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [-100, 0],
          [0, 0],
          [100, 0],
        ]), // a two-way cross: one SCC of 5 nodes
        road([
          [0, -100],
          [0, 0],
          [0, 100],
        ]),
        road([
          [1000, 0],
          [1100, 0],
        ]), // an island
        road(
          [
            [100, 0],
            [200, 100],
          ],
          { oneway: 'yes' },
        ), // a one-way dead end leaving the cross
      ]),
    );
    expect(net.report).toMatchObject({
      nodeCount: 8,
      componentCount: 3,
      largestComponentSize: 5,
      weakComponentCount: 2,
    });
    expect(net.component[nodeAt(net, 100, 0)]).toBe(net.largestComponent);
    expect(net.component[nodeAt(net, 200, 100)]).not.toBe(net.largestComponent);
  });

  it('makes a node where the rules change along a road, so one-way stretches stay exact', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [100, 0],
        ]),
        road(
          [
            [100, 0],
            [200, 0],
          ],
          { oneway: 'yes' },
        ),
      ]),
    );
    expect(net.report).toMatchObject({ vertexCount: 3, nodeCount: 3, edgeCount: 2 });
    const twoWay = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [100, 0],
        ]),
        road([
          [200, 0],
          [100, 0],
        ]),
      ]),
    );
    expect(twoWay.report).toMatchObject({ vertexCount: 3, nodeCount: 2, edgeCount: 1 });
  });

  it('keeps a closed ring of shape vertices as one edge from a made-up node', () => {
    const net = buildRoadNetwork(
      collection([
        road([
          [0, 0],
          [100, 0],
          [100, 100],
          [0, 100],
          [0, 0],
        ]),
      ]),
    );
    expect(net.report).toMatchObject({ vertexCount: 4, segmentCount: 4, nodeCount: 1, edgeCount: 1 });
    expect(net.edgeFrom[0]).toBe(net.edgeTo[0]);
    expect(net.edgeMeters[0]).toBeCloseTo(400, 0);
  });

  it('never throws on input that is not a FeatureCollection', () => {
    for (const input of [
      null,
      undefined,
      { type: 'Feature' },
      { type: 'FeatureCollection', features: 'x' },
    ]) {
      const net = buildRoadNetwork(input as never);
      expect(net.nodeCount).toBe(0);
      expect(net.segmentIndex).toBeNull();
      expect(net.report.issues[0]!.code).toBe('not_a_feature');
    }
  });
});
