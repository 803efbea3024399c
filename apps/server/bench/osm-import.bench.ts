/**
 * Real-extract road benchmark: import time and peak memory, graph size, road rules, reach, then
 * top-5 and one-to-all (+ isochrones) times on the imported graph. Run from apps/server:
 *   pnpm bench:osm [FILE.osm.pbf ...] [--city GRID]
 * Default: the Monaco and Andorra fixtures. `--city 342` adds a generated city of about 350k road
 * nodes (the routing bench city, 342 x 342 junctions). Prints median and p99 and the load average.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { LngLat } from '@dispatch/domain';
import {
  buildRoadNetwork,
  estimatePrepared,
  isochrones,
  prepareCandidates,
  type RoadFeatureCollection,
  type RoadNetwork,
} from '@dispatch/routing';
import { mulberry32, syntheticCity } from '../../../packages/routing/bench/synthetic-city.js';
import { readOsmPbf } from '../src/importers/osm-pbf.js';
import { osmRoads, ROAD_NODE_TAGS } from '../src/importers/osm-roads.js';
import { summarize } from './lib/stats.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { city: { type: 'string' }, incidents: { type: 'string' }, units: { type: 'string' } },
});
const INCIDENTS = Number(values.incidents ?? 500);
const UNITS = Number(values.units ?? 500);
const files = positionals.length
  ? positionals
  : ['monaco', 'andorra'].map(
      (n) => new URL(`../src/importers/fixtures/${n}.osm.pbf`, import.meta.url).pathname,
    );

const peakMb = () => process.resourceUsage().maxRSS / 1024;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const ms = (x: number) => `${x.toFixed(3)} ms`;
function row(label: string, samples: number[]): void {
  const s = summarize(samples);
  console.log(
    `  ${label.padEnd(40)} median ${ms(s.median).padStart(11)}   p99 ${ms(s.p99).padStart(11)}   n=${s.n}`,
  );
}

/** Random points on the network's drivable segments (units and incidents stand on streets). */
function roadPoints(net: RoadNetwork, n: number, rand: () => number): LngLat[] {
  const out: LngLat[] = [];
  while (out.length < n) {
    const s = Math.floor(rand() * net.segmentCount);
    if (net.segSeconds[s]! <= 0 || net.component[net.vertexNode[net.segFrom[s]!]!] === -2) continue;
    const a = net.segFrom[s]!;
    const b = net.segTo[s]!;
    const t = rand();
    out.push([
      net.vertexLng[a]! + (net.vertexLng[b]! - net.vertexLng[a]!) * t,
      net.vertexLat[a]! + (net.vertexLat[b]! - net.vertexLat[a]!) * t,
    ]);
  }
  return out;
}

function searches(label: string, net: RoadNetwork): void {
  const r = net.report;
  console.log(
    `${label}: ${r.vertexCount} road nodes, ${r.segmentCount} segments; graph ${r.nodeCount} junctions` +
      ` (+${net.nodeCount - r.nodeCount} turn states), ${r.edgeCount} edges, ${r.arcCount} arcs`,
  );
  console.log(`  rules ${JSON.stringify(r.rules)}`);
  console.log(
    `  reach: ${(100 * r.reach.outsideShare).toFixed(1)}% of ${r.reach.drivableJunctions} drivable junctions outside the largest SCC`,
  );
  const rand = mulberry32(7);
  const cars = roadPoints(net, UNITS, rand).map((lngLat, i) => ({ id: `car-${i}`, lngLat }));
  const incidents = roadPoints(net, INCIDENTS, rand);
  const t0 = performance.now();
  const prepared = prepareCandidates(net, cars);
  console.log(`  prepare ${UNITS} units: ${(performance.now() - t0).toFixed(1)} ms`);
  for (let i = 0; i < 20; i++) estimatePrepared(prepared, incidents[i]!, { k: 5 });
  const time = (fn: () => unknown) => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  row(
    `top-5 of ${UNITS} units`,
    incidents.map((p) => time(() => estimatePrepared(prepared, p, { k: 5 }))),
  );
  row(
    `one-to-all ETA, ${UNITS} units`,
    incidents.map((p) => time(() => estimatePrepared(prepared, p))),
  );
  row(
    'one-to-all + 1/3/5-min isochrones',
    incidents.map((p) =>
      time(() => {
        estimatePrepared(prepared, p);
        isochrones(net, p, { thresholdsSeconds: [60, 180, 300], maxSeconds: Infinity });
      }),
    ),
  );
}

console.log(`load average at start: ${load()}`);
for (const file of files) {
  const before = peakMb();
  const t0 = performance.now();
  const roads = await osmRoads(() => readOsmPbf(file, { nodeTags: ROAD_NODE_TAGS, relations: true }));
  const t1 = performance.now();
  const net = buildRoadNetwork({
    type: 'FeatureCollection',
    features: [...roads.features, ...roads.rules],
  } as RoadFeatureCollection);
  const t2 = performance.now();
  console.log(
    `\n${file.split('/').pop()}: read ${(t1 - t0).toFixed(0)} ms (${roads.parsed} ways, ${roads.features.length} roads, ` +
      `${roads.summary.notRoads} not roads, ${roads.rejected.length} rejected), graph build ${(t2 - t1).toFixed(0)} ms, ` +
      `peak RSS ${peakMb().toFixed(0)} MB (${before.toFixed(0)} MB before)`,
  );
  searches('  graph', net);
}
if (values.city) {
  const grid = Number(values.city);
  const t0 = performance.now();
  const city = syntheticCity({ gridSize: grid });
  const net = buildRoadNetwork(city.roads as unknown as RoadFeatureCollection);
  console.log(
    `\ngenerated city ${grid}x${grid}: generated and built in ${(performance.now() - t0).toFixed(0)} ms, peak RSS ${peakMb().toFixed(0)} MB`,
  );
  searches('  graph', net);
}
console.log(`\nload average at end: ${load()}`);
