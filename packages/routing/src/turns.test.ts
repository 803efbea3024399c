import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './graph-build.js';
import { estimateTravelTimes } from './estimate.js';
import { haversineMeters } from './geo.js';
import type { InputFeature } from './geojson.js';
import type { RoadNetwork } from './network.js';
import {
  edgePoint,
  pointOf,
  pointsSeparable,
  randomNetwork,
  type EdgePoint,
  type RandomNetwork,
} from './test-support/random-network.js';
import { travelTimesFrom } from './travel-times.js';

const params = { components: 'any' as const };
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

interface Restriction {
  readonly node: number;
  readonly from: number;
  readonly to: number;
  readonly only: boolean;
}

const forward = (rn: RandomNetwork, e: number) => rn.edges[e]!.oneway !== '-1';
const backward = (rn: RandomNetwork, e: number) => rn.edges[e]!.oneway !== 'yes';
/** Whether edge e may be driven into node v / out of node v. */
const into = (rn: RandomNetwork, e: number, v: number) =>
  (rn.edges[e]!.b === v && forward(rn, e)) || (rn.edges[e]!.a === v && backward(rn, e));
const outOf = (rn: RandomNetwork, e: number, v: number) =>
  (rn.edges[e]!.a === v && forward(rn, e)) || (rn.edges[e]!.b === v && backward(rn, e));
const other = (rn: RandomNetwork, e: number, v: number) =>
  rn.edges[e]!.a === v ? rn.edges[e]!.b : rn.edges[e]!.a;

/**
 * Deliberately naive edge-based Dijkstra: a state is (node, edge arrived along or -1), a turn is
 * allowed unless a restriction bans it, U-turns are allowed at junctions and dead ends (not in the
 * middle of a road, where the graph has no node). Returns the cost from `unit` to `target`.
 */
function bruteSeconds(
  rn: RandomNetwork,
  restrictions: readonly Restriction[],
  unit: EdgePoint,
  target: EdgePoint,
) {
  const n = rn.nodes.length;
  const m = rn.edges.length;
  const incident: number[][] = Array.from({ length: n }, () => []);
  rn.edges.forEach((e, i) => {
    incident[e.a]!.push(i);
    incident[e.b]!.push(i);
  });
  const valid = restrictions.filter((r) => into(rn, r.from, r.node) && outOf(rn, r.to, r.node));
  const via = new Set(valid.map((r) => r.node));
  const junction = (v: number) => {
    const inc = incident[v]!;
    if (inc.length !== 2 || via.has(v)) return true;
    const [e1, e2] = inc as [number, number];
    const x = other(rn, e1, v);
    const y = other(rn, e2, v);
    const drives = (e: number, s: number, t: number) =>
      (rn.edges[e]!.a === s && rn.edges[e]!.b === t && forward(rn, e)) ||
      (rn.edges[e]!.b === s && rn.edges[e]!.a === t && backward(rn, e));
    return drives(e1, x, v) !== drives(e2, v, y) || drives(e1, v, x) !== drives(e2, y, v);
  };
  const allowed = (v: number, ein: number, eout: number) => {
    if (ein < 0) return true;
    if (ein === eout && !junction(v)) return false;
    for (const r of valid) {
      if (r.node !== v || r.from !== ein) continue;
      if (r.only ? r.to !== eout : r.to === eout) return false;
    }
    return true;
  };
  const per = (e: number) => {
    const edge = rn.edges[e]!;
    return haversineMeters(rn.nodes[edge.a]!, rn.nodes[edge.b]!) / (edge.kmh / 3.6);
  };
  const id = (v: number, e: number) => v * (m + 1) + e + 1;
  const dist = new Array<number>(n * (m + 1)).fill(Infinity);
  const done = new Array<boolean>(n * (m + 1)).fill(false);
  const edgeU = rn.edges[unit.edge]!;
  let best = Infinity;
  if (unit.fraction === 0) dist[id(edgeU.a, -1)] = 0;
  else if (unit.fraction === 1) dist[id(edgeU.b, -1)] = 0;
  else {
    if (forward(rn, unit.edge)) dist[id(edgeU.b, unit.edge)] = (1 - unit.fraction) * per(unit.edge);
    if (backward(rn, unit.edge)) dist[id(edgeU.a, unit.edge)] = unit.fraction * per(unit.edge);
  }
  if (unit.edge === target.edge) {
    const d = target.fraction - unit.fraction;
    if (d === 0 || (d > 0 ? forward(rn, unit.edge) : backward(rn, unit.edge)))
      best = Math.abs(d) * per(unit.edge);
  }
  const edgeT = rn.edges[target.edge]!;
  for (;;) {
    let s = -1;
    for (let i = 0; i < dist.length; i++)
      if (!done[i] && dist[i]! < Infinity && (s < 0 || dist[i]! < dist[s]!)) s = i;
    if (s < 0) break;
    done[s] = true;
    const v = Math.floor(s / (m + 1));
    const ein = (s % (m + 1)) - 1;
    const d = dist[s]!;
    // Reaching the target: at its node, or driving onto its edge.
    if ((target.fraction === 0 && v === edgeT.a) || (target.fraction === 1 && v === edgeT.b))
      best = Math.min(best, d);
    else if (target.fraction > 0 && target.fraction < 1 && allowed(v, ein, target.edge)) {
      if (v === edgeT.a && forward(rn, target.edge))
        best = Math.min(best, d + target.fraction * per(target.edge));
      if (v === edgeT.b && backward(rn, target.edge))
        best = Math.min(best, d + (1 - target.fraction) * per(target.edge));
    }
    for (const e of incident[v]!) {
      if (!outOf(rn, e, v) || !allowed(v, ein, e)) continue;
      const t = id(other(rn, e, v), e);
      if (d + per(e) < dist[t]!) dist[t] = d + per(e);
    }
  }
  return best;
}

function withRestrictions(rn: RandomNetwork, restrictions: readonly Restriction[]) {
  const points: InputFeature[] = restrictions.map((r) => ({
    type: 'Feature',
    properties: {
      type: 'restriction',
      restriction: r.only ? 'only_straight_on' : 'no_left_turn',
      from: r.from,
      to: r.to,
    },
    geometry: { type: 'Point', coordinates: rn.nodes[r.node]! },
  }));
  return buildRoadNetwork({ type: 'FeatureCollection', features: [...rn.geojson.features, ...points] });
}

const scenario = randomNetwork
  .chain((rn) => {
    const incident = rn.nodes.map((_, v) => rn.edges.flatMap((e, i) => (e.a === v || e.b === v ? [i] : [])));
    const restriction = fc
      .record({ node: fc.nat(), from: fc.nat(), to: fc.nat(), only: fc.boolean() })
      .map(({ node, from, to, only }) => {
        const v = node % rn.nodes.length;
        const inc = incident[v]!;
        return inc.length === 0
          ? null
          : { node: v, from: inc[from % inc.length]!, to: inc[to % inc.length]!, only };
      });
    return fc.record({
      rn: fc.constant(rn),
      restrictions: fc
        .array(restriction, { maxLength: 6 })
        .map((rs) => rs.filter((r): r is Restriction => r !== null)),
      target: edgePoint(rn.edges.length),
      units: fc.array(edgePoint(rn.edges.length), { minLength: 1, maxLength: 5 }),
    });
  })
  .filter(({ target, units }) => pointsSeparable([target, ...units]));

/** Graph node at a lattice node, -1 when it is a shape vertex or off the roads. */
function junctionAt(net: RoadNetwork, [lng, lat]: readonly number[]): number {
  for (let v = 0; v < net.vertexCount; v++)
    if (net.vertexLng[v] === lng && net.vertexLat[v] === lat) return net.vertexNode[v]!;
  return -1;
}

describe('turn restrictions', () => {
  it('every unit gets the brute-force edge-based time to the target (no_* and only_* via nodes)', () => {
    fc.assert(
      fc.property(scenario, ({ rn, restrictions, target, units }) => {
        const net = withRestrictions(rn, restrictions);
        const candidates = units.map((u, i) => ({ id: `u${i}`, lngLat: pointOf(rn, u) }));
        const got = new Map(
          estimateTravelTimes(net, pointOf(rn, target), candidates, { params }).map((r) => [r.id, r]),
        );
        units.forEach((u, i) => {
          const want = bruteSeconds(rn, restrictions, u, target);
          const r = got.get(`u${i}`)!;
          if (Number.isFinite(want))
            expect(close(r.etaSeconds, want), `${r.etaSeconds} vs ${want}`).toBe(true);
          else expect(r.method === 'road' && r.reachable).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('one-to-all times at junctions are the brute-force times', () => {
    fc.assert(
      fc.property(scenario, ({ rn, restrictions, units }) => {
        const net = withRestrictions(rn, restrictions);
        const origin = units[0]!;
        const times = travelTimesFrom(net, [pointOf(rn, origin)], { params })!;
        rn.nodes.forEach((p, v) => {
          const node = junctionAt(net, p);
          if (node < 0) return;
          const want = bruteSeconds(rn, restrictions, origin, {
            edge: rn.edges.findIndex((e) => e.a === v || e.b === v),
            fraction: rn.edges.find((e) => e.a === v || e.b === v)!.a === v ? 0 : 1,
          });
          const seconds = times.seconds[node]!;
          if (Number.isFinite(want)) expect(close(seconds, want), `${seconds} vs ${want}`).toBe(true);
          else expect(seconds).toBe(Infinity);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reports restrictions that match no turn', () => {
    const net = withRestrictions(
      {
        nodes: [],
        edges: [],
        geojson: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              id: 'a',
              properties: { highway: 'residential' },
              geometry: {
                type: 'LineString',
                coordinates: [
                  [0, 0],
                  [0.001, 0],
                ],
              },
            },
          ],
        },
      },
      [],
    );
    expect(net.turns).toBeNull();
    const bad = buildRoadNetwork({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'a',
          properties: { highway: 'residential' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [0.001, 0],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { type: 'restriction', restriction: 'no_left_turn', from: 'a', to: 'b' },
          geometry: { type: 'Point', coordinates: [0.001, 0] },
        },
      ],
    });
    expect(bad.report.rules).toMatchObject({ restrictions: 1, restrictionsApplied: 0 });
    expect(bad.report.issues.map((i) => i.code)).toEqual(['bad_rule']);
  });
});
