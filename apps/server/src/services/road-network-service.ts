/**
 * The road network the server routes on: the active RoadNetwork row, built once into the compact
 * graph of @dispatch/routing and kept in memory. With none loaded, ETAs fall back to straight
 * lines (and say so).
 */
import type { FastifyBaseLogger } from 'fastify';
import {
  buildRoadNetwork,
  type NetworkReport,
  type RoadFeatureCollection,
  type RoadNetwork,
} from '@dispatch/routing';
import type { Prisma } from '../generated/prisma/client.js';
import { writeAudit } from './audit.js';
import type { Actor, ServiceContext } from './context.js';

export class RoadNetworkService {
  network: RoadNetwork | null = null;
  /** The source GeoJSON, serialised once for the map's base layer. */
  geojsonText: string | null = null;
  report: NetworkReport | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly log: FastifyBaseLogger,
  ) {}

  async load(): Promise<void> {
    const row = await this.ctx.prisma.roadNetwork.findFirst({
      where: { active: true },
      orderBy: { importedAt: 'desc' },
    });
    if (!row) {
      this.network = null;
      this.geojsonText = null;
      this.report = null;
      this.log.warn('no road network loaded: ETAs are straight-line estimates');
      return;
    }
    this.use(row.geojson as unknown as RoadFeatureCollection);
  }

  private use(geojson: RoadFeatureCollection): NetworkReport {
    const started = performance.now();
    const network = buildRoadNetwork(geojson);
    this.network = network.report.nodeCount > 0 ? network : null;
    this.geojsonText = JSON.stringify(geojson);
    this.report = network.report;
    this.log.info(
      {
        nodes: network.report.nodeCount,
        edges: network.report.edgeCount,
        components: network.report.componentCount,
        issues: network.report.issues.length,
        ms: Math.round(performance.now() - started),
      },
      'road network built',
    );
    return network.report;
  }

  /** Replaces the active network (import:roads, admin route). Bad features are reported, not hidden. */
  async replace(name: string, geojson: RoadFeatureCollection, actor: Actor): Promise<NetworkReport> {
    const report = buildRoadNetwork(geojson).report;
    if (report.nodeCount === 0) return report;
    await this.ctx.prisma.$transaction(async (tx) => {
      await tx.roadNetwork.updateMany({ where: { active: true }, data: { active: false } });
      const row = await tx.roadNetwork.create({
        data: {
          name,
          geojson: geojson as unknown as Prisma.InputJsonValue,
          nodeCount: report.nodeCount,
          active: true,
        },
      });
      await writeAudit(tx, actor, this.ctx.now(), [
        {
          action: 'road_network.import',
          entityType: 'road_network',
          entityId: row.id,
          after: { name, nodes: report.nodeCount, issues: report.issues.length },
        },
      ]);
    });
    return this.use(geojson);
  }
}
