import type { BuildOptions } from './graph-build.js';
import { readRoadFeature } from './feature-read.js';
import { haversineRaw } from './geo.js';
import type { InputFeature, RoadFeatureCollection } from './geojson.js';
import { isPointFeature, readRoadPoint, type RoadPoint } from './road-points.js';
import {
  CAR_BACKWARD,
  CAR_FORWARD,
  MINOR_ROAD,
  WALKABLE,
  type FeatureIssue,
  type RoadFeatureInfo,
  type RuleCounts,
} from './network.js';
import { DEFAULT_SPEEDS_KMH, TRAFFIC_SIGNAL_DELAY_SECONDS } from './speeds.js';

export /** Mutable build state: segments as plain arrays until they are packed. */
class SegmentBuilder {
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly meters: number[] = [];
  readonly seconds: number[] = [];
  readonly flags: number[] = [];
  readonly feature: number[] = [];
  readonly lng: number[] = [];
  readonly lat: number[] = [];
  private readonly keys = new Map<string, number>();

  has(key: string): boolean {
    return this.keys.has(key);
  }

  lookup(key: string): number | undefined {
    return this.keys.get(key);
  }

  constructor(private readonly scale: number) {}

  key(lng: number, lat: number): string {
    return `${Math.round(lng * this.scale)},${Math.round(lat * this.scale)}`;
  }

  node(lng: number, lat: number, key = this.key(lng, lat)): number {
    let id = this.keys.get(key);
    if (id === undefined) {
      id = this.lng.length;
      this.keys.set(key, id);
      this.lng.push(lng);
      this.lat.push(lat);
    }
    return id;
  }
}

export type MutableRuleCounts = { -readonly [K in keyof RuleCounts]: RuleCounts[K] };

/** What {@link readInput} read: segments, features, issues, rule counts and turn restrictions. */
export interface GraphInput {
  readonly b: SegmentBuilder;
  readonly features: RoadFeatureInfo[];
  readonly issues: FeatureIssue[];
  readonly rules: MutableRuleCounts;
  readonly restrictions: { index: number; point: RoadPoint }[];
}

/**
 * Reads the collection: rule points first (barriers, signals, restrictions), then the roads into
 * segments with their flags and seconds (closed barriers and signal delays applied).
 */
export function readInput(
  input: RoadFeatureCollection | null | undefined,
  options: BuildOptions,
): GraphInput {
  const speeds = { ...DEFAULT_SPEEDS_KMH, ...options.speedsKmh };
  const b = new SegmentBuilder(1 / (options.coordinatePrecisionDeg ?? 1e-7));
  const issues: FeatureIssue[] = [];
  const features: RoadFeatureInfo[] = [];
  const rules: MutableRuleCounts = {
    closedToCars: 0,
    destinationOnly: 0,
    minorRoads: 0,
    barriers: 0,
    barriersClosed: 0,
    signals: 0,
    restrictions: 0,
    restrictionsApplied: 0,
  };
  const restrictions: { index: number; point: RoadPoint }[] = [];
  const rawFeatures: unknown = input && typeof input === 'object' ? input.features : undefined;
  if (!input || input.type !== 'FeatureCollection' || !Array.isArray(rawFeatures)) {
    issues.push({
      index: -1,
      id: null,
      name: null,
      code: 'not_a_feature',
      kept: false,
      detail: 'input is not a FeatureCollection',
    });
  } else {
    const list = rawFeatures as unknown[];
    // Rules at nodes first: they apply to whichever roads pass there, wherever they are listed.
    const blocked = new Set<string>();
    const signals = new Set<string>();
    list.forEach((raw, index) => {
      if (!isPointFeature(raw)) return;
      const { point, problem, rule } = readRoadPoint(raw);
      if (!point) {
        const f = raw as InputFeature;
        const props = f.properties ?? {};
        const rawId = f.id ?? props['id'] ?? props['@id'];
        const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
        const name = typeof props['name'] === 'string' ? props['name'] : null;
        const code = rule ? 'bad_rule' : 'unsupported_geometry';
        issues.push({ index, id, name, code, kept: false, detail: problem ?? '' });
        return;
      }
      const key = b.key(point.position[0], point.position[1]);
      if (point.kind === 'barrier') {
        rules.barriers++;
        if (point.blocks) blocked.add(key);
      } else if (point.kind === 'signals') signals.add(key);
      else restrictions.push({ index, point });
    });
    rules.barriersClosed = blocked.size;
    const halfSignal = TRAFFIC_SIGNAL_DELAY_SECONDS / 2;
    list.forEach((raw, index) => {
      if (isPointFeature(raw)) return;
      const { road, issues: found, closedToCars } = readRoadFeature(raw, index, speeds);
      issues.push(...found);
      if (!road) {
        if (closedToCars) rules.closedToCars++;
        return;
      }
      const featureIndex = features.length;
      features.push({ id: road.id, name: road.name, highway: road.highway });
      if (road.closedToCars) rules.closedToCars++;
      if (road.carAccess === 'destination' && road.drive) rules.destinationOnly++;
      if (road.minor && road.drive) rules.minorRoads++;
      const speedMps = road.speedKmh / 3.6;
      let flags = road.walk ? WALKABLE : 0;
      if (road.minor) flags |= MINOR_ROAD;
      if (road.drive && road.oneway !== 'backward') flags |= CAR_FORWARD;
      if (road.drive && road.oneway !== 'forward') flags |= CAR_BACKWARD;
      const segmentsBefore = b.from.length;
      for (const part of road.parts) {
        let prev = -1;
        let prevPos: readonly [number, number] | undefined;
        let prevKey = '';
        for (const pos of part) {
          const key = b.key(pos[0], pos[1]);
          const id = b.node(pos[0], pos[1], key);
          // Vertices that merge after rounding would make a zero-length loop.
          if (prev >= 0 && id !== prev && prevPos) {
            const meters = haversineRaw(prevPos[0], prevPos[1], pos[0], pos[1]);
            // A closed barrier stops cars on both sides: no car passes through its node.
            const closed = blocked.size > 0 && (blocked.has(key) || blocked.has(prevKey));
            const segFlags = closed ? flags & ~(CAR_FORWARD | CAR_BACKWARD) : flags;
            const drives = (segFlags & (CAR_FORWARD | CAR_BACKWARD)) !== 0 && speedMps > 0;
            // Half a signal's delay on each segment at its node: passing it costs the whole delay.
            const delay =
              signals.size > 0
                ? (signals.has(key) ? halfSignal : 0) + (signals.has(prevKey) ? halfSignal : 0)
                : 0;
            b.from.push(prev);
            b.to.push(id);
            b.meters.push(meters);
            b.seconds.push(drives ? meters / speedMps + delay : 0);
            b.flags.push(segFlags);
            b.feature.push(featureIndex);
          }
          prev = id;
          prevPos = pos;
          prevKey = key;
        }
      }
      if (b.from.length === segmentsBefore) {
        features.pop();
        const detail = 'all vertices merge at the coordinate precision';
        issues.push({ index, id: road.id, name: road.name, code: 'bad_geometry', kept: false, detail });
      }
    });
    for (const key of signals) if (b.has(key)) rules.signals++;
  }
  rules.restrictions = restrictions.length;
  issues.sort((x, y) => x.index - y.index);
  return { b, features, issues, rules, restrictions };
}
