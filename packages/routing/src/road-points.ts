import { barrierBlocksCars } from './access.js';
import { isValidLngLat } from './geo.js';
import type { InputFeature } from './geojson.js';

/**
 * Point features of a road network collection: road rules at OSM nodes, stored beside the roads so
 * that every builder of the graph (server, coverage worker, simulator) applies the same rules.
 *
 * - barrier: `{ barrier: 'gate', access?, ... }`, applied by {@link barrierBlocksCars};
 * - traffic signals: `{ highway: 'traffic_signals' }`;
 * - turn restriction: `{ type: 'restriction', restriction: 'no_left_turn' | 'only_straight_on' | ...,
 *   from: <road feature id>, to: <road feature id> }` at its via node.
 */
export type RoadPoint =
  | { readonly kind: 'barrier'; readonly position: readonly [number, number]; readonly blocks: boolean }
  | { readonly kind: 'signals'; readonly position: readonly [number, number] }
  | {
      readonly kind: 'restriction';
      readonly position: readonly [number, number];
      /** `no`: the turn is banned; `only`: every other turn from `from` is banned. */
      readonly mode: 'no' | 'only';
      readonly from: string | number;
      readonly to: string | number;
      readonly id: string | number | null;
    };

/** The restriction's mode from an OSM `restriction` value, null for a value this graph cannot use. */
export function restrictionMode(value: unknown): 'no' | 'only' | null {
  if (typeof value !== 'string') return null;
  if (value.startsWith('no_')) return 'no';
  if (value.startsWith('only_')) return 'only';
  return null;
}

/** Whether a feature is a Point (a road rule at a node) rather than a road. */
export function isPointFeature(raw: unknown): boolean {
  const g = (raw as InputFeature | null)?.geometry as { type?: unknown } | null | undefined;
  return !!raw && typeof raw === 'object' && !!g && typeof g === 'object' && g.type === 'Point';
}

/** Reads one Point feature as a road rule, or explains why it is none. Never throws. */
export function readRoadPoint(raw: unknown): {
  point: RoadPoint | null;
  problem: string | null;
  /** True when the point is meant as a rule but is malformed (else: no rule at all). */
  rule: boolean;
} {
  const f = raw as InputFeature;
  const coords = (f.geometry as { coordinates?: unknown }).coordinates;
  if (!isValidLngLat(coords)) return { point: null, problem: 'point without a valid position', rule: true };
  const position = [coords[0], coords[1]] as const;
  const props = f.properties && typeof f.properties === 'object' ? f.properties : {};
  if (props['type'] === 'restriction') {
    const mode = restrictionMode(props['restriction']);
    const from = props['from'];
    const to = props['to'];
    if (!mode) return { point: null, problem: `restriction=${String(props['restriction'])}`, rule: true };
    if (
      (typeof from !== 'string' && typeof from !== 'number') ||
      (typeof to !== 'string' && typeof to !== 'number')
    )
      return { point: null, problem: 'restriction without from and to road ids', rule: true };
    const rawId = f.id ?? props['id'];
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
    return { point: { kind: 'restriction', position, mode, from, to, id }, problem: null, rule: true };
  }
  if (typeof props['barrier'] === 'string')
    return {
      point: { kind: 'barrier', position, blocks: barrierBlocksCars(props) },
      problem: null,
      rule: true,
    };
  if (props['highway'] === 'traffic_signals')
    return { point: { kind: 'signals', position }, problem: null, rule: true };
  return {
    point: null,
    problem: 'geometry type Point (no barrier, signal or turn restriction)',
    rule: false,
  };
}
