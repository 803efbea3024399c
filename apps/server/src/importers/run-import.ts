/**
 * The import commands (`import:roads`, `import:grids`) without the process around them: read the
 * file, report progress and every rejected feature, write through the same services as the
 * admin routes (with an audit event), and say what to do next.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { DomainErrorException } from '@dispatch/domain';
import type { NetworkReport } from '@dispatch/routing';
import type { StandardAddressImportDto } from '@dispatch/contracts';
import type { Database } from '../db/database.js';
import { SYSTEM_ACTOR, type Actor, type ServiceContext } from '../services/context.js';
import { EventBus } from '../services/event-bus.js';
import { GazetteerService } from '../services/gazetteer-service.js';
import { GridIndex } from '../services/grid-index.js';
import { GridService, type GridImportReport } from '../services/grid-service.js';
import { RoadNetworkService } from '../services/road-network-service.js';
import { geoJsonFeatures, ImportInputError, parseRoadGeoJson, type ImportProgress } from './geojson-roads.js';
import { importOsmBasemap } from './import-basemap.js';
import { readOsmPbf } from './osm-pbf.js';
import { osmPlaces } from './osm-places.js';
import { osmRoads, ROAD_NODE_TAGS } from './osm-roads.js';
import { OsmXmlError, readOsmXml } from './osm-xml.js';
import { countByReason, type ImportSummary, type RoadImport } from './road-features.js';

export interface ImportIo {
  /** Results (stdout). */
  out: (line: string) => void;
  /** Progress and problems (stderr). */
  err: (line: string) => void;
}

export interface ImportContext {
  database: Database;
  timeZone: string;
  io: ImportIo;
  now?: () => number;
}

export type RoadFormat = 'geojson' | 'osm' | 'pbf';

export interface RoadImportOptions {
  file: string;
  /** Name stored with the network (default: the file name). */
  name?: string;
  format?: RoadFormat;
  /** Writes every rejected feature as JSON here. */
  reportFile?: string;
  /** Parse and report only; write nothing. */
  dryRun?: boolean;
}

export interface RoadImportOutcome {
  exitCode: number;
  parsed: RoadImport | null;
  network: NetworkReport | null;
}

/** How many rejected features are listed on the terminal (all of them go to --report). */
const LISTED = 20;

export function roadFormatOf(file: string): RoadFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.pbf')) return 'pbf';
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'osm';
  const ext = extname(lower);
  if (['.geojson', '.json', '.geojsonl', '.geojsons', '.geojsonseq', '.ndjson'].includes(ext))
    return 'geojson';
  throw new ImportInputError(
    `unknown file type ${ext || '(none)'}: use .geojson/.json, .osm/.xml or .osm.pbf, or --format`,
  );
}

function importActor(command: string): Actor {
  return { ...SYSTEM_ACTOR, name: `${command} (command line)` };
}

function serviceContext(ctx: ImportContext): ServiceContext {
  return {
    prisma: ctx.database.prisma,
    bus: new EventBus(),
    now: ctx.now ?? Date.now,
    timeZone: ctx.timeZone,
  };
}

/** The services log through Fastify's logger type; on the command line warnings go to stderr. */
function cliLogger(io: ImportIo): FastifyBaseLogger {
  const quiet = () => undefined;
  const logger = {
    level: 'warn',
    fatal: (...args: unknown[]) => io.err(`fatal: ${describe(args)}`),
    error: (...args: unknown[]) => io.err(`error: ${describe(args)}`),
    warn: (...args: unknown[]) => io.err(`warning: ${describe(args)}`),
    info: quiet,
    debug: quiet,
    trace: quiet,
    silent: quiet,
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}

function describe(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
}

function progressLine(label: string) {
  return (p: ImportProgress) => `${label}: ${p.parsed} parsed, ${p.valid} valid, ${p.rejected} rejected`;
}

interface RejectedLine {
  index: number;
  /** Feature id, OSM way id or grid code. */
  label: string | number | null;
  reason: string;
  detail?: string;
}

function printRejected(io: ImportIo, rejected: readonly RejectedLine[], noun: string): void {
  if (rejected.length === 0) return;
  const counts = new Map<string, number>();
  for (const r of rejected) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const summary = [...counts].map(([reason, n]) => `${reason} ${n}`).join(', ');
  io.err(`rejected ${noun}: ${rejected.length} (${summary})`);
  for (const r of rejected.slice(0, LISTED)) {
    const label = r.label === null ? '' : ` (${String(r.label)})`;
    io.err(`  #${r.index}${label}: ${r.detail ? `${r.reason}: ${r.detail}` : r.reason}`);
  }
  if (rejected.length > LISTED)
    io.err(`  ... and ${rejected.length - LISTED} more (--report FILE lists them all)`);
}

async function parseRoads(options: RoadImportOptions, io: ImportIo): Promise<RoadImport> {
  const format = options.format ?? roadFormatOf(options.file);
  const show = progressLine(`reading ${format}`);
  const onProgress = (p: ImportProgress) => io.err(show(p));
  if (format === 'geojson') return parseRoadGeoJson(readFileSync(options.file, 'utf8'), onProgress);
  if (format === 'osm') return osmRoads(() => readOsmXml(createReadStream(options.file)), onProgress);
  return osmRoads(() => readOsmPbf(options.file, { nodeTags: ROAD_NODE_TAGS, relations: true }), onProgress);
}

/** `import:roads FILE`: replaces the active road network. */
export async function importRoads(
  options: RoadImportOptions,
  ctx: ImportContext,
): Promise<RoadImportOutcome> {
  const { io } = ctx;
  let parsed: RoadImport;
  try {
    parsed = await parseRoads(options, io);
  } catch (error) {
    if (
      error instanceof ImportInputError ||
      error instanceof OsmXmlError ||
      (error as NodeJS.ErrnoException).code === 'ENOENT'
    ) {
      io.err(`cannot import ${options.file}: ${(error as Error).message}`);
      return { exitCode: 1, parsed: null, network: null };
    }
    throw error;
  }
  io.out(
    `${options.file}: ${parsed.parsed} parsed, ${parsed.features.length} valid, ${parsed.rejected.length} rejected` +
      (parsed.summary.notRoads > 0
        ? `, ${parsed.summary.notRoads} not roads (buildings, land use, ...)`
        : ''),
  );
  io.out(rulesLine(parsed.summary));
  printRejected(
    io,
    parsed.rejected.map((r) => ({ index: r.index, label: r.id, reason: r.reason, detail: r.detail })),
    'features',
  );
  if (options.reportFile) {
    writeFileSync(
      options.reportFile,
      JSON.stringify(
        { rejected: parsed.rejected, byReason: countByReason(parsed.rejected), summary: parsed.summary },
        null,
        2,
      ),
    );
    io.err(`rejected features written to ${options.reportFile}`);
  }
  if (parsed.features.length === 0) {
    io.err('nothing valid to import; the road network is unchanged');
    return { exitCode: 1, parsed, network: null };
  }
  if (options.dryRun) {
    io.out('dry run: nothing written');
    return { exitCode: 0, parsed, network: null };
  }
  const service = new RoadNetworkService(serviceContext(ctx), cliLogger(io));
  const name = options.name ?? options.file.split('/').pop() ?? 'imported';
  const network = await service.replace(
    name,
    { type: 'FeatureCollection', features: [...parsed.features, ...parsed.rules] },
    importActor('import:roads'),
  );
  if (network.nodeCount === 0) {
    io.err('the valid features form no road graph; the road network is unchanged');
    return { exitCode: 1, parsed, network };
  }
  const kept = network.issues.filter((i) => i.kept).length;
  io.out(
    `road network "${name}" is active: ${network.nodeCount} nodes, ${network.edgeCount} edges, ` +
      `${network.componentCount} driving components (largest ${network.largestComponentSize} nodes)` +
      (kept > 0 ? `, ${kept} feature warnings` : ''),
  );
  const reach = network.reach;
  io.out(
    `reach: ${(reach.outsideShare * 100).toFixed(1)}% of ${reach.drivableJunctions} junctions lie outside the main ` +
      `driving component (one-way traps, islands, roads closed by access or barriers); incidents there snap to ` +
      `the main network when one of its roads is within 500 m, else units outside their piece are reported unreachable (no_path)` +
      reach.pieces
        .slice(0, 5)
        .map(
          (p, i) =>
            `${i === 0 ? ': largest pieces ' : ', '}${p.junctions} at ${p.lngLat[1].toFixed(5)},${p.lngLat[0].toFixed(5)}`,
        )
        .join(''),
  );
  const format = options.format ?? roadFormatOf(options.file);
  if (format !== 'geojson') await importOsmPlaces(options.file, format, ctx, service);
  await importOsmBasemap(options.file, options.format ?? roadFormatOf(options.file), ctx);
  io.out('A running server keeps the road network in memory: restart it to route on the new network.');
  return { exitCode: 0, parsed, network };
}

/**
 * The places and house addresses of the same OSM file into the gazetteer, replacing the last
 * import's (the standard addresses are the centre's own and stay). A running server picks them
 * up within its poll interval.
 */
async function importOsmPlaces(
  file: string,
  format: 'osm' | 'pbf',
  ctx: ImportContext,
  roads: RoadNetworkService,
): Promise<void> {
  const places = await osmPlaces(() =>
    format === 'pbf' ? readOsmPbf(file, { nodeTags: true }) : readOsmXml(createReadStream(file)),
  );
  const gazetteer = new GazetteerService(serviceContext(ctx), roads);
  const { stored, skipped } = await gazetteer.replaceSource('osm', places, importActor('import:roads'), {
    reload: false,
  });
  const addresses = places.filter((p) => p.kind === 'address').length;
  ctx.io.out(
    `gazetteer: ${stored} places and house addresses stored (${places.length - addresses} places, ${addresses} addresses read` +
      (skipped > 0 ? `; ${skipped} skipped: repeated or text too long` : '') +
      ')',
  );
}

/** What the import kept beside the roads and what it left out (never silently). */
function rulesLine(s: ImportSummary): string {
  const left = [
    s.restrictionsViaWay > 0 ? `${s.restrictionsViaWay} via a way` : '',
    s.restrictionsUnsupported > 0 ? `${s.restrictionsUnsupported} of an unsupported kind` : '',
    s.restrictionsNotForCars > 0 ? `${s.restrictionsNotForCars} not for police cars` : '',
    s.restrictionsOutside > 0 ? `${s.restrictionsOutside} on roads outside the import` : '',
  ].filter((x) => x !== '');
  return (
    `road rules: ${s.closedToCars} roads closed to cars by access tags (kept for pedestrians), ` +
    `${s.destinationOnly} destination-only, ${s.barriers} barriers (${s.barriersClosed} closed to cars), ` +
    `${s.signals} traffic signals, ${s.restrictions} turn restrictions` +
    (left.length > 0 ? ` (dropped: ${left.join(', ')})` : '')
  );
}

export interface GridImportOptions {
  file: string;
  /** Like the admin route: import nothing when any feature is bad. */
  strict?: boolean;
  reportFile?: string;
}

export interface GridImportOutcome {
  exitCode: number;
  parsed: number;
  rejected: GridImportReport['rejected'];
  report: GridImportReport | null;
}

function rejectedOf(error: unknown): GridImportReport['rejected'] | null {
  if (!(error instanceof DomainErrorException) || error.error.code !== 'VALIDATION_FAILED') return null;
  const rejected = (error.error.details as { rejected?: unknown } | undefined)?.rejected;
  return Array.isArray(rejected) ? (rejected as GridImportReport['rejected']) : null;
}

/**
 * `import:grids FILE`: upserts grids by code through GridService, with the admin route's checks.
 * Bad features are reported; the good ones are imported unless --strict.
 */
export async function importGrids(
  options: GridImportOptions,
  ctx: ImportContext,
): Promise<GridImportOutcome> {
  const { io } = ctx;
  let features: unknown[];
  try {
    features = geoJsonFeatures(readFileSync(options.file, 'utf8'));
  } catch (error) {
    if (error instanceof ImportInputError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`cannot import ${options.file}: ${(error as Error).message}`);
      return { exitCode: 1, parsed: 0, rejected: [], report: null };
    }
    throw error;
  }
  const service = new GridService(serviceContext(ctx), new GridIndex());
  const actor = importActor('import:grids');
  // The service checks every feature before it writes anything, and names the bad ones.
  let rejected: GridImportReport['rejected'] = [];
  let report: GridImportReport | null = null;
  try {
    report = await service.importFeatureCollection(features, actor);
  } catch (error) {
    const found = rejectedOf(error);
    if (!found) throw error;
    rejected = found;
  }
  const bad = new Set(rejected.map((r) => r.index));
  const valid = features.length - bad.size;
  io.err(progressLine('reading grids')({ parsed: features.length, valid, rejected: rejected.length }));
  printRejected(
    io,
    rejected.map((r) => ({ index: r.index, label: r.code, reason: r.reason })),
    'grid features',
  );
  if (options.reportFile) {
    writeFileSync(options.reportFile, JSON.stringify({ rejected }, null, 2));
    io.err(`rejected features written to ${options.reportFile}`);
  }
  if (valid === 0) {
    io.err('nothing valid to import; grids are unchanged');
    return { exitCode: 1, parsed: features.length, rejected, report: null };
  }
  if (rejected.length > 0 && options.strict) {
    io.err('--strict: nothing imported because of the rejected features');
    return { exitCode: 1, parsed: features.length, rejected, report: null };
  }
  report ??= await service.importFeatureCollection(
    features.filter((_, i) => !bad.has(i)),
    actor,
  );
  io.out(
    `${options.file}: ${features.length} parsed, ${valid} imported (${report.created} created, ${report.updated} updated), ${rejected.length} rejected`,
  );
  io.out('A running server keeps its grid index in memory: restart it to locate incidents in the new grids.');
  return { exitCode: 0, parsed: features.length, rejected, report: { ...report, rejected } };
}

export interface AddressImportOptions {
  file: string;
  /** Import nothing when any row is bad. */
  strict?: boolean;
  /** Check and report only. */
  dryRun?: boolean;
  /** Remove the standard addresses missing from the file. */
  replace?: boolean;
  reportFile?: string;
}

/**
 * `import:addresses FILE`: the centre's standard-address CSV (标准地址) through the service the
 * admin route uses: rows checked (and placed against the active road network), bad ones listed by
 * row and column, good ones upserted by code unless --strict.
 */
export async function importAddresses(
  options: AddressImportOptions,
  ctx: ImportContext,
): Promise<{ exitCode: number; report: StandardAddressImportDto | null }> {
  const { io } = ctx;
  let csv: string;
  try {
    csv = readFileSync(options.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    io.err(`cannot import ${options.file}: no such file`);
    return { exitCode: 1, report: null };
  }
  const sctx = serviceContext(ctx);
  const roads = new RoadNetworkService(sctx, cliLogger(io));
  await roads.load();
  if (!roads.network) io.err('no road network is active: positions are not checked against the city');
  const report = await new GazetteerService(sctx, roads).importStandardAddresses(
    csv,
    {
      strict: options.strict ?? false,
      dryRun: options.dryRun ?? false,
      replace: options.replace ?? false,
      reload: false,
    },
    importActor('import:addresses'),
  );
  io.err(
    progressLine('reading addresses')({
      parsed: report.parsed,
      valid: report.valid,
      rejected: report.rejected.length,
    }),
  );
  printRejected(
    io,
    report.rejected.map((r) => ({ index: r.row, label: r.column, reason: r.reason, detail: r.detail })),
    'rows',
  );
  if (options.reportFile) {
    writeFileSync(options.reportFile, JSON.stringify({ rejected: report.rejected }, null, 2));
    io.err(`rejected rows written to ${options.reportFile}`);
  }
  if (!report.written) {
    const why = options.dryRun
      ? 'dry run: nothing written'
      : report.valid === 0
        ? 'nothing valid to import; the standard addresses are unchanged'
        : '--strict: nothing imported because of the rejected rows';
    (options.dryRun ? io.out : io.err)(why);
    return { exitCode: options.dryRun ? 0 : 1, report };
  }
  io.out(
    `${options.file}: ${report.parsed} rows, ${report.created} created, ${report.updated} updated` +
      (options.replace ? `, ${report.removed} removed` : '') +
      `, ${report.rejected.length} rejected`,
  );
  io.out('A running server picks up the new addresses within 15 s.');
  return { exitCode: 0, report };
}
