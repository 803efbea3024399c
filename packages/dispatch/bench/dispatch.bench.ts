// Prints timings of the dispatch algorithms on city-sized inputs. Run:
//   pnpm exec tsx packages/dispatch/bench/dispatch.bench.ts
import { UNIT_KINDS, type UnitKind } from '@dispatch/domain';
import { assignCheckpoints, type CheckpointCandidate } from '../src/checkpoints.js';
import { DEFAULT_RESPONSE_PLANS } from '../src/default-response-plans.js';
import { planDispatch } from '../src/plan-dispatch.js';
import { rankCandidates } from '../src/ranking.js';
import { resolveResponsePlan } from '../src/response-plan.js';
import type { DispatchUnit, TravelEstimate } from '../src/types.js';

// Deterministic pseudo-random numbers (mulberry32) so runs are comparable.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fleet(n: number, random: () => number) {
  const units: DispatchUnit[] = [];
  const estimates = new Map<string, TravelEstimate>();
  for (let i = 0; i < n; i++) {
    const id = `u${i}`;
    units.push({
      id,
      callSign: id,
      kind: UNIT_KINDS[Math.floor(random() * UNIT_KINDS.length)] as UnitKind,
      status: random() < 0.7 ? 'available' : 'on_scene',
      homeGridId: `g${Math.floor(random() * 40)}`,
      currentGridId: null,
      capabilities: random() < 0.3 ? ['armed'] : [],
      lngLat: [121.4 + random() * 0.2, 31.1 + random() * 0.2],
    });
    const etaSeconds = Math.round(30 + random() * 1200);
    estimates.set(id, {
      etaSeconds,
      distanceMeters: etaSeconds * 9,
      method: 'road',
      reachable: random() > 0.02,
    });
  }
  return { units, estimates };
}

function time(label: string, runs: number, fn: () => unknown) {
  fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(48)} ${ms.toFixed(3)} ms/run`);
}

const random = rng(42);
const incident = { type: 'knife_attack', priority: 1, lngLat: [121.5, 31.2], gridId: 'g3' } as const;
const { plan } = resolveResponsePlan(DEFAULT_RESPONSE_PLANS, incident.type, incident.priority);
for (const n of [200, 1000, 5000]) {
  const { units, estimates } = fleet(n, random);
  time(`rankCandidates, ${n} units`, 50, () => rankCandidates(incident, units, estimates));
  const { ranked } = rankCandidates(incident, units, estimates);
  time(`planDispatch (knife attack), ${n} units`, 50, () => planDispatch(incident, plan, ranked, []));
}
for (const [k, n] of [
  [8, 50],
  [16, 200],
  [32, 500],
] as const) {
  const { units } = fleet(n, random);
  const checkpoints: CheckpointCandidate[] = Array.from({ length: k }, (_, i) => ({
    id: `c${i}`,
    lngLat: [121.5, 31.2],
    suspectEtaSeconds: Math.round(120 + random() * 480),
    etaToCheckpointByUnit: new Map(
      units.map((u) => {
        const etaSeconds = Math.round(30 + random() * 900);
        return [
          u.id,
          { etaSeconds, distanceMeters: etaSeconds * 9, method: 'road', reachable: true },
        ] as const;
      }),
    ),
  }));
  time(`assignCheckpoints, ${k} checkpoints x ${n} units`, 20, () => assignCheckpoints(checkpoints, units));
}
