/**
 * Hot spots: the demand surface (packages/coverage) built from the incident table, off the
 * request path. It is rebuilt every `rebuildMs` in the background and on demand (`rebuild()`);
 * requests read the cached surface, and only the first request after start waits for a build.
 * Cancelled incidents (duplicates, false calls; status or resolution `cancelled`, as in the
 * response-time review) are not demand. Live coverage weighs its roads by `segmentDemand`.
 */
import type {
  HotspotMapDto,
  HotspotPeriod,
  HotspotsQuery,
  HotspotsTopQuery,
  HotspotTopDto,
  HotspotWindow,
} from '@dispatch/contracts';
import {
  buildDemandSurface,
  cellCentre,
  cellRing,
  DEFAULT_WINDOW_DAYS,
  expectedDemand,
  hourOfWeekAt,
  minuteOfWeekAt,
  nextShift,
  segmentCells,
  segmentMidpoints,
  shiftOccurrence,
  shiftOfWeek,
  spreadDemandOverSegments,
  topHotspots,
  type DailyShift,
  type DemandSurface,
  type HourWeight,
  type IncidentRecord,
  type SegmentCells,
  type ShiftOfWeek,
} from '@dispatch/coverage';
import { domainError, DomainErrorException, type IncidentType, type Priority } from '@dispatch/domain';
import type { RoadNetwork } from '@dispatch/routing';
import { loadShifts, minuteOfDay } from '../reports/shifts.js';
import type { ServiceContext } from './context.js';
import type { GridIndex } from './grid-index.js';

export interface HotspotOptions {
  /** Days of incident history (default 28). */
  windowDays?: number;
  /** Rebuild this often in the background (default 5 minutes). */
  rebuildMs?: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 2000;

function invalid(field: string, message: string): DomainErrorException {
  return new DomainErrorException(domainError('VALIDATION_FAILED', `${field} ${message}`, { field }));
}

interface SegmentDemandCache {
  network: RoadNetwork;
  cells: SegmentCells;
  surface: DemandSurface;
  /** Per period key (hours and weights), most recently used last. */
  weights: Map<string, Float64Array>;
}

/** Periods whose segment demand is kept per surface. */
const SEGMENT_DEMAND_PERIODS = 8;

export class HotspotService {
  private surface: DemandSurface | null = null;
  private builtAt = 0;
  private building: Promise<DemandSurface> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private segments: SegmentDemandCache | null = null;
  private readonly windowDays: number;
  private readonly rebuildMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly grids: GridIndex,
    private readonly onError: (error: unknown) => void = () => {},
    options: HotspotOptions = {},
  ) {
    this.windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
    this.rebuildMs = options.rebuildMs ?? 5 * 60_000;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.rebuild()
        .catch(this.onError)
        .finally(() => {
          if (!this.stopped) this.schedule(this.rebuildMs);
        });
    }, delayMs);
  }

  /** The latest surface (null before the first build). */
  current(): DemandSurface | null {
    return this.surface;
  }

  /** Builds the surface from the incident table now; concurrent calls share one build. */
  async rebuild(): Promise<DemandSurface> {
    if (this.building) return this.building;
    this.building = (async () => {
      try {
        const now = this.ctx.now();
        const incidents = await this.history(now);
        const surface = buildDemandSurface(incidents, {
          now,
          timeZone: this.ctx.timeZone,
          windowDays: this.windowDays,
        });
        this.surface = surface;
        this.builtAt = now;
        return surface;
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  private async history(now: number): Promise<IncidentRecord[]> {
    const from = new Date(now - this.windowDays * DAY_MS);
    const rows = await this.ctx.prisma.$queryRaw<
      { lng: number; lat: number; at: number; priority: number; type: string }[]
    >`
      SELECT lng, lat, (extract(epoch FROM received_at) * 1000)::float8 AS at, priority, type::text AS type
      FROM incident
      WHERE received_at >= ${from} AND received_at < ${new Date(now)}
        AND status <> 'cancelled' AND resolution IS DISTINCT FROM 'cancelled'`;
    return rows.map((r) => ({
      lngLat: [Number(r.lng), Number(r.lat)],
      receivedAt: Number(r.at),
      priority: Number(r.priority) as Priority,
      type: r.type as IncidentType,
    }));
  }

  private async ready(): Promise<DemandSurface> {
    return this.surface ?? (await this.rebuild());
  }

  private windowOf(surface: DemandSurface): HotspotWindow {
    return {
      from: new Date(surface.from).toISOString(),
      to: new Date(surface.to).toISOString(),
      days: surface.windowDays,
      incidents: surface.incidentCount,
    };
  }

  /** Expected incidents per cell for the hour or shift asked, as GeoJSON polygons (heat map). */
  async map(query: HotspotsQuery): Promise<HotspotMapDto> {
    const period = await this.period(query);
    const surface = await this.ready();
    const hours = period.hours;
    const incidents = expectedDemand(surface, hours, 'incidents');
    const demand = expectedDemand(surface, hours, 'demand');
    let total = 0;
    const order: number[] = [];
    for (let c = 0; c < incidents.length; c++) {
      total += incidents[c]!;
      if (incidents[c]! > 0) order.push(c);
    }
    order.sort((a, b) => incidents[b]! - incidents[a]! || (surface.cells[a]! < surface.cells[b]! ? -1 : 1));
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    return {
      computedAt: new Date(this.builtAt).toISOString(),
      window: this.windowOf(surface),
      resolution: surface.resolution,
      period,
      totalExpectedIncidents: round(total),
      cells: {
        type: 'FeatureCollection',
        features: order.slice(0, query.limit ?? DEFAULT_LIMIT).map((c) => {
          const cell = surface.cells[c]!;
          return {
            type: 'Feature' as const,
            id: cell,
            geometry: { type: 'Polygon' as const, coordinates: [cellRing(cell)] },
            properties: { cell, expectedIncidents: round(incidents[c]!), demand: round(demand[c]!) },
          };
        }),
      },
    };
  }

  /**
   * The hours a query asks for: one hour of week, a shift, now (the default) or the next shift.
   * Standby recommendations ask through here too, so "now" and "next shift" mean the same on
   * the heat map and in the standby plan.
   */
  async period(query: Pick<HotspotsQuery, 'hourOfWeek' | 'shift' | 'day' | 'when'>): Promise<HotspotPeriod> {
    const asked = (['hourOfWeek', 'shift', 'when'] as const).filter((k) => query[k] !== undefined);
    if (asked.length > 1)
      throw invalid(`querystring.${asked[1]}`, `cannot be combined with ${asked[0]}: ask for one period`);
    if (query.day !== undefined && query.shift === undefined)
      throw invalid('querystring.day', 'needs a shift');
    const nowMinute = minuteOfWeekAt(this.ctx.now(), this.ctx.timeZone);
    if (query.hourOfWeek !== undefined || query.when === 'now' || asked.length === 0) {
      const h = query.hourOfWeek ?? hourOfWeekAt(this.ctx.now(), this.ctx.timeZone);
      return {
        kind: 'hour',
        shiftId: null,
        shiftName: null,
        day: Math.floor(h / 24) + 1,
        startMinuteOfWeek: h * 60,
        endMinuteOfWeek: h * 60 + 60,
        hours: [{ hourOfWeek: h, weight: 1 }],
      };
    }
    const definitions = await loadShifts(this.ctx.prisma);
    const daily: DailyShift[] = definitions.map((s) => ({
      id: s.id,
      startMinute: minuteOfDay(s.start),
      endMinute: minuteOfDay(s.end),
    }));
    let occurrence: ShiftOfWeek;
    if (query.shift !== undefined) {
      const shift = daily.find((s) => s.id === query.shift);
      if (!shift)
        throw invalid(
          'querystring.shift',
          `is not a shift of the centre (${daily.map((s) => s.id).join(', ')})`,
        );
      occurrence =
        query.day !== undefined ? shiftOfWeek(shift, query.day - 1) : shiftOccurrence(shift, nowMinute);
    } else {
      occurrence = nextShift(daily, nowMinute)!;
    }
    return {
      kind: 'shift',
      shiftId: occurrence.id,
      shiftName: definitions.find((s) => s.id === occurrence.id)?.name ?? occurrence.id,
      day: occurrence.day + 1,
      startMinuteOfWeek: occurrence.startMinuteOfWeek,
      endMinuteOfWeek: occurrence.endMinuteOfWeek,
      hours: occurrence.hours,
    };
  }

  /** The top cells of each grid (or of `gridId`) by weighted demand in the window. */
  async top(query: HotspotsTopQuery): Promise<HotspotTopDto> {
    const ids = this.grids.ids();
    if (query.gridId !== undefined && !ids.includes(query.gridId))
      throw new DomainErrorException(
        domainError('NOT_FOUND', 'Grid not found', { field: 'querystring.gridId', gridId: query.gridId }),
      );
    const surface = await this.ready();
    const top = topHotspots(surface, (cell) => this.grids.locate(cellCentre(cell)), {
      limit: query.limit ?? 5,
    });
    const names = new Map(
      (await this.ctx.prisma.grid.findMany({ select: { id: true, name: true } })).map((g) => [g.id, g.name]),
    );
    return {
      computedAt: new Date(this.builtAt).toISOString(),
      window: this.windowOf(surface),
      resolution: surface.resolution,
      grids: ids
        .filter((id) => query.gridId === undefined || id === query.gridId)
        .map((gridId) => ({
          gridId,
          gridName: names.get(gridId) ?? gridId,
          cells: (top.get(gridId) ?? []).map((c) => ({
            cell: c.cell,
            lngLat: cellCentre(c.cell),
            incidents: c.incidents,
            demand: c.demand,
            expectedDemandPerWeek: Math.round(c.expectedDemandPerWeek * 1e5) / 1e5,
            mainTypes: c.mainTypes,
          })),
        })),
    };
  }

  /**
   * Expected demand per segment of `network` in `hours` (an hour of week, or a weighted run of
   * them such as a shift; default: the current local hour), for live coverage (`zoneCoverage`'s
   * `segmentDemand`) and standby plans: each cell's priority-weighted demand split over its roads
   * by length, plus a floor by length. Null while there is no history (no surface yet, or no
   * incidents in the window): coverage then weighs road length. Arrays are cached per network,
   * surface and hours (a few periods at once: live coverage asks for the current hour every
   * second while a supervisor looks at the next shift); callers must not change them.
   */
  segmentDemand(network: RoadNetwork, hours?: number | readonly HourWeight[]): Float64Array | null {
    const surface = this.surface;
    if (!surface || surface.incidentCount === 0) return null;
    const list: readonly HourWeight[] =
      hours === undefined
        ? [{ hourOfWeek: hourOfWeekAt(this.ctx.now(), this.ctx.timeZone), weight: 1 }]
        : typeof hours === 'number'
          ? [{ hourOfWeek: hours, weight: 1 }]
          : hours;
    const key = list.map((h) => `${h.hourOfWeek}:${h.weight}`).join(',');
    let cache = this.segments;
    if (
      !cache ||
      cache.network !== network ||
      cache.cells.resolution !== surface.resolution ||
      cache.surface !== surface
    ) {
      cache = {
        network,
        cells:
          cache && cache.network === network && cache.cells.resolution === surface.resolution
            ? cache.cells
            : segmentCells(segmentMidpoints(network), surface.resolution),
        surface,
        weights: new Map(),
      };
      this.segments = cache;
    }
    let weights = cache.weights.get(key);
    if (!weights) {
      weights = spreadDemandOverSegments(cache.cells, surface.cells, expectedDemand(surface, list, 'demand'));
      // Oldest period out first: the current hour is asked for again every second, so it stays.
      if (cache.weights.size >= SEGMENT_DEMAND_PERIODS)
        cache.weights.delete(cache.weights.keys().next().value!);
      cache.weights.set(key, weights);
    } else {
      cache.weights.delete(key);
      cache.weights.set(key, weights);
    }
    return weights;
  }
}
