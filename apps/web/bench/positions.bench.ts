/**
 * Main-thread cost of one 1 Hz position update of 2,000 moving units: the store action that
 * applies the batch, the animator taking the new targets, and building the GeoJSON the map's
 * unit source receives. Also the per-frame cost while units glide (feature building only) and
 * structuredClone of the collection as a proxy for MapLibre's postMessage to its worker.
 *
 * Run: pnpm --filter @dispatch/web bench   (tsx bench/positions.bench.ts)
 */
import type { UnitDto } from '@dispatch/contracts';
import { UNIT_KINDS } from '@dispatch/domain';
import { buildUnitFeatures } from '../src/lib/map-features.js';
import { UnitAnimator } from '../src/lib/unit-animator.js';
import { useUnitsStore, type PositionUpdate } from '../src/stores/units-store.js';

// The bench shares the browser tsconfig (no Node types), hence this lookup.
const runtimeVersion = (globalThis as { process?: { version?: string } }).process?.version ?? 'unknown';
const UNITS = 2000;
const WARMUP = 30;
const RUNS = 300;
const T0 = Date.parse('2026-11-23T08:00:00Z');

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] as number;
}

function report(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
  console.log(
    `${label.padEnd(48)} median ${fmt(percentile(sorted, 0.5))}  p99 ${fmt(percentile(sorted, 0.99))}  max ${fmt(sorted[sorted.length - 1] as number)}`,
  );
}

// A city of 2,000 units scattered over ~20 x 20 km.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const units: UnitDto[] = Array.from({ length: UNITS }, (_, i) => ({
  id: `u${i}`,
  callSign: `巡${i}`,
  kind: UNIT_KINDS[i % UNIT_KINDS.length] as UnitDto['kind'],
  status: i % 5 === 0 ? 'en_route' : 'available',
  homeGridId: `g${i % 40}`,
  currentGridId: `g${i % 40}`,
  postId: null,
  capabilities: [],
  position: {
    lngLat: [116.3 + random() * 0.2, 39.8 + random() * 0.2],
    headingDeg: null,
    speedMps: null,
    at: new Date(T0).toISOString(),
  },
  activeAssignmentId: null,
  activeIncidentId: null,
  version: 1,
}));
useUnitsStore.getState().applySnapshot(units);
const animator = new UnitAnimator(1000);
animator.update(useUnitsStore.getState().positions, 0);

function nextBatch(tick: number): PositionUpdate[] {
  const positions = useUnitsStore.getState().positions;
  const at = new Date(T0 + tick * 1000).toISOString();
  return units.map((u) => {
    const held = positions[u.id]?.lngLat ?? [116.4, 39.9];
    return {
      id: u.id,
      lngLat: [held[0] + (random() - 0.5) * 0.0003, held[1] + (random() - 0.5) * 0.0003],
      headingDeg: random() * 360,
      speedMps: random() * 15,
      at,
    };
  });
}

const update: number[] = [];
const frame: number[] = [];
const clone: number[] = [];
let features = 0;
for (let tick = 1; tick <= WARMUP + RUNS; tick += 1) {
  const batch = nextBatch(tick);
  const nowMs = tick * 1000;

  const t0 = performance.now();
  useUnitsStore.getState().applyPositions(batch);
  animator.update(useUnitsStore.getState().positions, nowMs);
  const collection = buildUnitFeatures(useUnitsStore.getState().byId, (id) => animator.sample(id, nowMs));
  const t1 = performance.now();
  // A later animation frame of the same glide: only the features are rebuilt.
  const mid = buildUnitFeatures(useUnitsStore.getState().byId, (id) => animator.sample(id, nowMs + 500));
  const t2 = performance.now();
  structuredClone(mid);
  const t3 = performance.now();

  features = collection.features.length;
  if (tick > WARMUP) {
    update.push(t1 - t0);
    frame.push(t2 - t1);
    clone.push(t3 - t2);
  }
}

console.log(
  `positions benchmark: ${UNITS} units, ${features} features, ${RUNS} runs (after ${WARMUP} warm-up), node ${runtimeVersion}`,
);
report('1 Hz update: store action + animator + GeoJSON', update);
report('animation frame: GeoJSON features only', frame);
report('structuredClone of the collection (postMessage proxy)', clone);
