/**
 * Reverse geocoding for a map click or a unit's position: the nearest named road (routing's
 * Flatbush segment index) and the nearest named place within 200 m (a Flatbush over the places),
 * read out as 「X路, 近Y (50 米)」 / "X Road, near Y (50 m)".
 */
import Flatbush from 'flatbush';
import type { LngLat } from '@dispatch/domain';
import type { RoadNetwork } from '@dispatch/routing';
import { isValidLngLat } from '@dispatch/routing';
import { haversineRaw } from './geo.js';
import type { GazetteerEntry, GazetteerKind } from './entry.js';

export interface ReverseOptions {
  /** Farthest road named, meters (default 300). */
  readonly maxRoadMeters?: number;
  /** Farthest place named, meters (default 200). */
  readonly maxPlaceMeters?: number;
}

export interface ReverseRoad {
  readonly name: string;
  readonly distanceMeters: number;
  /** The nearest point of the road. */
  readonly point: LngLat;
}

export interface ReversePlace {
  readonly entry: GazetteerEntry;
  readonly distanceMeters: number;
}

export interface ReverseResult {
  readonly road: ReverseRoad | null;
  /** Nearest named place (POI or standard address), else the nearest junction. */
  readonly near: ReversePlace | null;
  /** Nearest house address within 50 m. */
  readonly address: ReversePlace | null;
  /** One line for intake and the unit terminal; null when nothing named is near. */
  readonly text: { readonly zh: string; readonly en: string } | null;
}

const PLACE_KINDS: ReadonlySet<GazetteerKind> = new Set(['place', 'standard_address']);
const ADDRESS_METERS = 50;

/** Distance as said aloud: to 10 m, at least 10. */
export function spokenMeters(d: number): number {
  return Math.max(10, Math.round(d / 10) * 10);
}

/** The one-line description of a reverse result in Chinese and English. */
export function describeLocation(
  road: ReverseRoad | null,
  near: ReversePlace | null,
  address: ReversePlace | null,
) {
  const place = near ?? address;
  if (!road && !place) return null;
  if (!place) return { zh: road!.name, en: road!.name };
  const m = spokenMeters(place.distanceMeters);
  if (!road) return { zh: `近${place.entry.name} (${m} 米)`, en: `near ${place.entry.name} (${m} m)` };
  return {
    zh: `${road.name}, 近${place.entry.name} (${m} 米)`,
    en: `${road.name}, near ${place.entry.name} (${m} m)`,
  };
}

export class ReverseGeocoder {
  private readonly places: GazetteerEntry[];
  private readonly placeIndex: Flatbush | null;
  private readonly junctions: GazetteerEntry[];
  private readonly junctionIndex: Flatbush | null;
  private readonly addresses: GazetteerEntry[];
  private readonly addressIndex: Flatbush | null;
  /** Meters per degree at the entries' mean latitude (the plane the place indexes use). */
  private readonly mPerDegLng: number;
  private readonly mPerDegLat = 111_195;

  constructor(
    private readonly network: RoadNetwork | null,
    entries: readonly GazetteerEntry[],
  ) {
    this.places = entries.filter((e) => PLACE_KINDS.has(e.kind));
    this.junctions = entries.filter((e) => e.kind === 'intersection');
    this.addresses = entries.filter((e) => e.kind === 'address');
    const lat0 = entries.length > 0 ? entries.reduce((s, e) => s + e.lat, 0) / entries.length : 0;
    this.mPerDegLng = this.mPerDegLat * Math.cos((lat0 * Math.PI) / 180);
    this.placeIndex = this.pointIndex(this.places);
    this.junctionIndex = this.pointIndex(this.junctions);
    this.addressIndex = this.pointIndex(this.addresses);
  }

  private pointIndex(list: readonly GazetteerEntry[]): Flatbush | null {
    if (list.length === 0) return null;
    const index = new Flatbush(list.length);
    for (const e of list) {
      const x = e.lng * this.mPerDegLng;
      const y = e.lat * this.mPerDegLat;
      index.add(x, y, x, y);
    }
    index.finish();
    return index;
  }

  private nearest(
    index: Flatbush | null,
    list: readonly GazetteerEntry[],
    p: LngLat,
    max: number,
  ): ReversePlace | null {
    if (!index) return null;
    // Plane distance picks the candidates (a few, cheap); haversine reports the distance.
    const found = index.neighbors(p[0] * this.mPerDegLng, p[1] * this.mPerDegLat, 4, max * 1.02);
    let best: ReversePlace | null = null;
    for (const i of found) {
      const entry = list[i]!;
      const d = haversineRaw(p[0], p[1], entry.lng, entry.lat);
      if (d <= max && (!best || d < best.distanceMeters)) best = { entry, distanceMeters: d };
    }
    return best;
  }

  private nearestRoad(p: LngLat, max: number): ReverseRoad | null {
    const net = this.network;
    const index = net?.segmentIndex;
    if (!net || !index) return null;
    const { projection: pr, vertexX, vertexY, segFrom, segTo, segFeature, features } = net;
    const px = (p[0] - pr.lng0) * pr.mPerDegLng;
    const py = (p[1] - pr.lat0) * pr.mPerDegLat;
    let best = -1;
    let bestD2 = Infinity;
    let bestT = 0;
    for (const s of index.search(px - max, py - max, px + max, py + max)) {
      if (!features[segFeature[s]!]?.name?.trim()) continue;
      const ax = vertexX[segFrom[s]!]!;
      const ay = vertexY[segFrom[s]!]!;
      const dx = vertexX[segTo[s]!]! - ax;
      const dy = vertexY[segTo[s]!]! - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      const d2 = ex * ex + ey * ey;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = s;
        bestT = t;
      }
    }
    if (best < 0) return null;
    const a = segFrom[best]!;
    const b = segTo[best]!;
    const point: LngLat = [
      net.vertexLng[a]! + bestT * (net.vertexLng[b]! - net.vertexLng[a]!),
      net.vertexLat[a]! + bestT * (net.vertexLat[b]! - net.vertexLat[a]!),
    ];
    const distanceMeters = haversineRaw(p[0], p[1], point[0], point[1]);
    if (distanceMeters > max) return null;
    return { name: features[segFeature[best]!]!.name!.trim(), distanceMeters, point };
  }

  /** What is at `p`; everything null for an invalid point. */
  reverse(p: LngLat, options: ReverseOptions = {}): ReverseResult {
    if (!isValidLngLat(p)) return { road: null, near: null, address: null, text: null };
    const road = this.nearestRoad(p, options.maxRoadMeters ?? 300);
    const maxPlace = options.maxPlaceMeters ?? 200;
    // A named place says more than a junction of the road one is already told about.
    const near =
      this.nearest(this.placeIndex, this.places, p, maxPlace) ??
      this.nearest(this.junctionIndex, this.junctions, p, maxPlace);
    const address = this.nearest(this.addressIndex, this.addresses, p, ADDRESS_METERS);
    return { road, near, address, text: describeLocation(road, near, address) };
  }
}
