/** Grids with live staffing against their minimums; GeoJSON import and edits; the posts in them. */
import { ROOMS, type GridDto, type PostDto } from '@dispatch/contracts';
import {
  domainError,
  DomainErrorException,
  evaluateGridStaffing,
  UNIT_KINDS,
  type MinStaffing,
} from '@dispatch/domain';
import type { Prisma } from '../generated/prisma/client.js';
import { writeAudit } from './audit.js';
import { inTransaction, type Actor, type ServiceContext } from './context.js';
import { toGridDto, toPostDto } from './dto.js';
import { polygonsOf, type GridIndex } from './grid-index.js';

export interface GridImportReport {
  created: number;
  updated: number;
  rejected: { index: number; code: string | null; reason: string }[];
}

export class GridService {
  /** Last published staffing status per grid, so only changes are broadcast. */
  private lastStatus = new Map<string, string>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly index: GridIndex,
  ) {}

  async list(): Promise<GridDto[]> {
    const [grids, units] = await Promise.all([
      this.ctx.prisma.grid.findMany({ include: { station: true }, orderBy: { code: 'asc' } }),
      this.ctx.prisma.unit.findMany({ select: { kind: true, status: true, currentGridId: true } }),
    ]);
    const staffing = evaluateGridStaffing(
      grids.map((g) => ({ id: g.id, minStaffing: (g.minStaffing ?? {}) as MinStaffing })),
      units,
    );
    const byId = new Map(staffing.map((s) => [s.gridId, s]));
    return grids.map((g) => toGridDto(g, byId.get(g.id)));
  }

  /** Street posts and drone nests, by code. */
  async posts(): Promise<PostDto[]> {
    return (await this.ctx.prisma.post.findMany({ orderBy: { code: 'asc' } })).map(toPostDto);
  }

  /** Records the current staffing without broadcasting (at start, clients get it in the snapshot). */
  async prime(): Promise<void> {
    for (const grid of await this.list()) this.lastStatus.set(grid.id, JSON.stringify(grid.staffing));
  }

  /** Re-evaluates staffing and broadcasts grids whose status or counts changed. */
  async publishStaffing(): Promise<void> {
    const grids = await this.list();
    const events = [];
    for (const grid of grids) {
      const key = JSON.stringify(grid.staffing);
      if (this.lastStatus.get(grid.id) === key) continue;
      this.lastStatus.set(grid.id, key);
      events.push({ name: 'grid:updated' as const, payload: grid, rooms: [ROOMS.wall] });
    }
    this.ctx.bus.publish(events);
  }

  async edit(
    id: string,
    patch: {
      name?: string;
      minStaffing?: Record<string, number>;
      polygon?: unknown;
      coverageThreshold?: number | null;
      version?: number;
    },
    actor: Actor,
  ) {
    if (patch.minStaffing) validateMinStaffing(patch.minStaffing, 'body.minStaffing');
    if (patch.polygon !== undefined) validatePolygon(patch.polygon, 'body.polygon');
    await inTransaction(this.ctx, async (tx) => {
      const grid = await tx.grid.findUnique({ where: { id } });
      if (!grid) throw new DomainErrorException(domainError('NOT_FOUND', 'Grid not found', { gridId: id }));
      const changed = await tx.grid.updateMany({
        where: { id, version: patch.version ?? grid.version },
        data: {
          ...(patch.name ? { name: patch.name } : {}),
          ...(patch.minStaffing ? { minStaffing: patch.minStaffing } : {}),
          ...(patch.polygon !== undefined ? { polygon: patch.polygon as Prisma.InputJsonValue } : {}),
          ...(patch.coverageThreshold !== undefined ? { coverageThreshold: patch.coverageThreshold } : {}),
          version: { increment: 1 },
        },
      });
      if (changed.count === 0)
        throw new DomainErrorException(
          domainError('CONFLICT', 'Grid changed meanwhile; reload', { gridId: id }),
        );
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'grid.edit',
          entityType: 'grid',
          entityId: id,
          before: {
            name: grid.name,
            minStaffing: grid.minStaffing,
            coverageThreshold: grid.coverageThreshold,
          },
          after: patch,
        },
      ]);
    });
    await this.index.load(this.ctx.prisma);
    this.lastStatus.delete(id);
    await this.publishStaffing();
    return (await this.list()).find((g) => g.id === id)!;
  }

  /**
   * Imports a GeoJSON FeatureCollection of grid polygons (properties: code, name, minStaffing,
   * station). Features are upserted by code; bad features are reported with the reason, and
   * nothing is written if any feature is bad.
   */
  async importFeatureCollection(features: readonly unknown[], actor: Actor): Promise<GridImportReport> {
    const report: GridImportReport = { created: 0, updated: 0, rejected: [] };
    const valid: {
      code: string;
      name: string;
      polygon: unknown;
      minStaffing: Record<string, number>;
      station: string | null;
    }[] = [];
    const seen = new Set<string>();
    features.forEach((raw, index) => {
      const f = raw as { type?: string; geometry?: unknown; properties?: Record<string, unknown> };
      const code = typeof f?.properties?.code === 'string' ? f.properties.code : null;
      const reject = (reason: string) => report.rejected.push({ index, code, reason });
      if (f?.type !== 'Feature') return reject('not a GeoJSON Feature');
      if (!code || code.length > 32) return reject('properties.code missing or longer than 32 characters');
      if (seen.has(code)) return reject('duplicate code');
      try {
        validatePolygon(f.geometry, `features[${index}].geometry`);
        const minStaffing = (f.properties?.minStaffing ?? {}) as Record<string, number>;
        validateMinStaffing(minStaffing, `features[${index}].properties.minStaffing`);
        const name = typeof f.properties?.name === 'string' && f.properties.name ? f.properties.name : code;
        const station = typeof f.properties?.station === 'string' ? f.properties.station : null;
        seen.add(code);
        valid.push({ code, name, polygon: f.geometry, minStaffing, station });
      } catch (error) {
        reject((error as DomainErrorException).message);
      }
    });
    if (report.rejected.length > 0) {
      throw new DomainErrorException(
        domainError(
          'VALIDATION_FAILED',
          `${report.rejected.length} grid feature(s) rejected; nothing imported`,
          {
            field: 'body.features',
            rejected: report.rejected,
          },
        ),
      );
    }
    await inTransaction(this.ctx, async (tx) => {
      for (const g of valid) {
        let stationId: string | null = null;
        if (g.station) {
          const station = await tx.station.upsert({
            where: { code: g.station },
            create: { code: g.station, name: g.station },
            update: {},
          });
          stationId = station.id;
        }
        const existing = await tx.grid.findUnique({ where: { code: g.code } });
        const data = {
          name: g.name,
          polygon: g.polygon as Prisma.InputJsonValue,
          minStaffing: g.minStaffing,
          stationId,
        };
        if (existing) {
          await tx.grid.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } });
          report.updated += 1;
        } else {
          await tx.grid.create({ data: { code: g.code, ...data } });
          report.created += 1;
        }
      }
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'grid.import',
          entityType: 'grid',
          entityId: '*',
          after: { created: report.created, updated: report.updated },
        },
      ]);
    });
    await this.index.load(this.ctx.prisma);
    this.lastStatus.clear();
    await this.publishStaffing();
    return report;
  }
}

function fail(field: string, message: string): never {
  throw new DomainErrorException(domainError('VALIDATION_FAILED', `${field}: ${message}`, { field }));
}

export function validateMinStaffing(value: Record<string, number>, field: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be an object');
  for (const [kind, count] of Object.entries(value)) {
    if (!(UNIT_KINDS as readonly string[]).includes(kind)) fail(`${field}.${kind}`, 'unknown unit kind');
    if (!Number.isInteger(count) || count < 0 || count > 100)
      fail(`${field}.${kind}`, 'must be an integer 0..100');
  }
}

export function validatePolygon(geometry: unknown, field: string): void {
  const polygons = polygonsOf(geometry);
  if (polygons.length === 0) fail(field, 'must be a GeoJSON Polygon or MultiPolygon');
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) fail(field, 'polygon without rings');
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) fail(field, 'a ring needs at least 4 positions');
      for (const p of ring) {
        const [lng, lat] = Array.isArray(p) ? p : [];
        if (typeof lng !== 'number' || typeof lat !== 'number' || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
          fail(field, 'positions must be [lng, lat] within range');
        }
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) fail(field, 'rings must be closed');
    }
  }
}
