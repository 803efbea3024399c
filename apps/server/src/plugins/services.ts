/**
 * Wires the services of the server (one instance each per app) and exposes them as
 * `app.services`. Background work (position flushing, the clock monitor) stops with the app.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { domainError, type ClockTargets, type Result } from '@dispatch/domain';
import { PositionReport } from '@dispatch/contracts';
import { Compile } from 'typebox/compile';
import { AssignmentService } from '../services/assignment-service.js';
import { AuthService, type SignInPolicy } from '../services/auth-service.js';
import { SessionService, type SessionPolicy } from '../services/session-service.js';
import { CheckpointService } from '../services/checkpoint-service.js';
import { ClockMonitor } from '../services/clock-monitor.js';
import { CoverageService } from '../services/coverage-service.js';
import { InlinePlanning, WorkerPlanning } from '../planning/planning-client.js';
import { CoverPlanner } from '../services/cover-planner.js';
import type { ServiceContext } from '../services/context.js';
import { DispatchService } from '../services/dispatch-service.js';
import { EventBus } from '../services/event-bus.js';
import { GazetteerService } from '../services/gazetteer-service.js';
import { GridIndex } from '../services/grid-index.js';
import { GridService } from '../services/grid-service.js';
import { HotspotService } from '../services/hotspot-service.js';
import { IncidentService } from '../services/incident-service.js';
import { KpiService } from '../services/kpi.js';
import { MoveUpService } from '../services/move-up-service.js';
import { ReportService } from '../reports/report-service.js';
import { PositionIngest } from '../services/position-ingest.js';
import { RelatedCallService } from '../services/related-call-service.js';
import { RecommendationService } from '../services/recommendation-service.js';
import { RoadNetworkService } from '../services/road-network-service.js';
import { SettingsService } from '../services/settings-service.js';
import { SnapshotService } from '../services/snapshot-service.js';
import { StandbyPlanService } from '../services/standby-plan-service.js';
import { StandbyService } from '../services/standby-service.js';
import { BasemapService } from '../services/basemap-service.js';
import { TileService } from '../services/tile-service.js';
import { UnitRoster } from '../services/unit-roster.js';
import { UnitService } from '../services/unit-service.js';

export interface Services {
  ctx: ServiceContext;
  bus: EventBus;
  gridIndex: GridIndex;
  roads: RoadNetworkService;
  roster: UnitRoster;
  recommendations: RecommendationService;
  incidents: IncidentService;
  dispatch: DispatchService;
  assignments: AssignmentService;
  checkpoints: CheckpointService;
  units: UnitService;
  grids: GridService;
  positions: PositionIngest;
  snapshots: SnapshotService;
  clocks: ClockMonitor;
  settings: SettingsService;
  kpi: KpiService;
  reports: ReportService;
  auth: AuthService;
  sessions: SessionService;
  planner: CoverPlanner;
  coverage: CoverageService;
  standby: StandbyService;
  moveUp: MoveUpService;
  /** Recommended standby points (cached plans). */
  standbyPlan: StandbyPlanService;
  hotspots: HotspotService;
  /** Address and place search, reverse geocoding. */
  gazetteer: GazetteerService;
  /** Duplicate and related calls; attaching a call to an incident. */
  relatedCalls: RelatedCallService;
  /** The offline basemap's vector tiles. */
  tiles: TileService;
  validatePosition: (value: unknown) => Result<void>;
  /** Same as `settings.clockTargets()`. */
  clockTargets: () => Promise<ClockTargets>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServicesOptions {
  now?: () => number;
  timeZone: string;
  positionFlushMs: number;
  positionMaxPending: number;
  /** Hot-spot surface rebuild interval (default 5 minutes). */
  hotspotRebuildMs?: number;
  /** Background loops (clock monitor, position flushing); tests may drive them by hand. */
  background?: boolean;
  /** Coverage, standby and move-up searches in a worker thread (default) or on the main thread. */
  planning?: 'worker' | 'inline';
  signIn: SignInPolicy;
  sessions: SessionPolicy;
}

export default fp<ServicesOptions>(async function services(app: FastifyInstance, options) {
  const bus = new EventBus();
  const ctx: ServiceContext = {
    prisma: app.db.prisma,
    bus,
    now: options.now ?? Date.now,
    timeZone: options.timeZone,
  };
  const gridIndex = new GridIndex();
  await gridIndex.load(ctx.prisma);
  const roads = new RoadNetworkService(ctx, app.log);
  await roads.load();
  const gazetteer = new GazetteerService(ctx, roads, (error) =>
    app.log.error({ err: error }, 'gazetteer refresh failed'),
  );
  await gazetteer.load();
  app.log.info(gazetteer.stats, 'gazetteer built');
  const roster = new UnitRoster(ctx);
  const recommendations = new RecommendationService(ctx, roads, roster);
  const incidents = new IncidentService(ctx, gridIndex, recommendations);
  const grids = new GridService(ctx, gridIndex);
  // Otherwise the first unit change after start re-broadcasts every grid.
  await grids.prime();
  const units = new UnitService(ctx, grids);
  const positions = new PositionIngest({
    runner: app.db.runner,
    bus,
    now: ctx.now,
    flushMs: options.positionFlushMs,
    maxPending: options.positionMaxPending,
    unitExists: async (id) => (await ctx.prisma.unit.count({ where: { id } })) > 0,
    onError: (error) => app.log.error({ err: error }, 'position flush failed; will retry'),
  });
  recommendations.usePositions(positions, options.background !== false);
  // The monitor reads the targets through the settings, which update it after an edit: the
  // loader is only called once both exist (below, and on each pass once started).
  const clockTargets = (): Promise<ClockTargets> => settings.clockTargets();
  const clocks = new ClockMonitor(
    ctx,
    (error) => app.log.error({ err: error }, 'clock monitor pass failed'),
    clockTargets,
  );
  const settings = new SettingsService(ctx, clocks, recommendations);
  clocks.targets = await clockTargets();
  const checkPosition = Compile(PositionReport);
  const validatePosition = (value: unknown): Result<void> => {
    if (checkPosition.Check(value)) return { ok: true, value: undefined };
    const first = [...checkPosition.Errors(value)][0];
    const field = ['body', ...(first?.instancePath ?? '').split('/').filter(Boolean)].join('.');
    return {
      ok: false,
      error: domainError('VALIDATION_FAILED', `${field} ${first?.message ?? 'is invalid'}`, { field }),
    };
  };
  const dispatch = new DispatchService(ctx, recommendations);
  // Live coverage may weigh its roads by the hot spots' expected demand (segmentDemand).
  const hotspots = new HotspotService(
    ctx,
    gridIndex,
    (error) => app.log.error({ err: error }, 'hot-spot build failed'),
    options.hotspotRebuildMs ? { rebuildMs: options.hotspotRebuildMs } : {},
  );
  // Zones, standby sites and their reach, free units and demand: one home for coverage, standby, move-up.
  const planning =
    options.planning === 'inline'
      ? new InlinePlanning()
      : new WorkerPlanning(
          (network) => (network === roads.network ? roads.geojsonText : null),
          (error) =>
            app.log.error({ err: error }, 'planning worker stopped; it starts again on the next call'),
        );
  const planner = new CoverPlanner(roads, gridIndex, recommendations, clockTargets, hotspots, planning);
  const standby = new StandbyService(ctx, (error) => app.log.error({ err: error }, 'standby sweep failed'));
  const tiles = new TileService(new BasemapService(ctx), roads, app.log);
  // Grid outlines are a tile layer: a changed grid is read again on the next tile.
  bus.subscribe((event) => {
    if (event.name === 'grid:updated') tiles.gridsChanged();
  });
  const services: Services = {
    ctx,
    bus,
    gridIndex,
    roads,
    roster,
    recommendations,
    incidents,
    dispatch,
    assignments: new AssignmentService(ctx, incidents),
    checkpoints: new CheckpointService(ctx, roads, dispatch, positions),
    units,
    grids,
    positions,
    snapshots: new SnapshotService(ctx, units, grids, positions),
    clocks,
    settings,
    kpi: new KpiService(app.db.runner, ctx.timeZone, clockTargets),
    reports: new ReportService(ctx, app.db.runner, clockTargets),
    auth: new AuthService(ctx, options.signIn),
    sessions: new SessionService(ctx, options.sessions),
    planner,
    coverage: new CoverageService(
      ctx,
      planner,
      gridIndex,
      recommendations,
      clockTargets,
      (error) => app.log.error({ err: error }, 'coverage pass failed'),
      {},
      hotspots,
    ),
    standby,
    moveUp: new MoveUpService(ctx, planner, gridIndex, standby, roster, (error) =>
      app.log.error({ err: error }, 'move-up failed'),
    ),
    standbyPlan: new StandbyPlanService(ctx, planner, gridIndex, hotspots),
    hotspots,
    gazetteer,
    relatedCalls: new RelatedCallService(ctx),
    tiles,
    validatePosition,
    clockTargets,
  };
  app.decorate('services', services);
  // Any change to incidents or assignments may move a clock deadline: re-evaluate promptly.
  bus.subscribe((event) => {
    if (event.name.startsWith('incident:') || event.name.startsWith('assignment:')) clocks.poke();
  });
  if (options.background !== false) {
    positions.start();
    clocks.start();
    roster.start(1000);
    services.coverage.start();
    services.standby.startSweeps(10_000);
    // Holes left by this node's dispatches; tests start it themselves (it writes on its own).
    services.moveUp.start();
    services.moveUp.startSweeps(15_000);
    services.hotspots.start();
    gazetteer.start();
  }
  // Orders end with the unit's freedom even without background loops (tests drive the rest).
  services.standby.start();
  app.addHook('onClose', async () => {
    services.hotspots.stop();
    gazetteer.stop();
    services.coverage.stop();
    services.standby.stop();
    await services.moveUp.stop();
    clocks.stop();
    roster.stop();
    await positions.stop();
    await planning.close();
  });
});
