/**
 * The call-taker's address and place search, and reverse geocoding, over one in-memory
 * {@link GazetteerIndex}: roads and junctions from the road network in use, police posts and
 * drone nests, and the stored places (OSM places and house addresses from the last import, the
 * centre's standard addresses). Search answers from memory on every keystroke; the database is
 * only read to (re)build. Another node or the command line may change the stored places, so a
 * cheap fingerprint (count, last change) is polled and the index rebuilt when it moved.
 */
import {
  GazetteerIndex,
  ReverseGeocoder,
  intersectionEntries,
  parseStandardAddressCsv,
  roadEntries,
  standardAddressEntry,
  type GazetteerEntry,
  type GazetteerKind,
  type ReversePlace,
  type SearchHit,
  type StandardAddressRejection,
} from '@dispatch/gazetteer';
import type { LngLat } from '@dispatch/domain';
import { snapPoint, type RoadNetwork } from '@dispatch/routing';
import type {
  GeocodeHitDto,
  ReverseGeocodeDto,
  StandardAddressImportDto,
  StandardAddressImportQuery,
} from '@dispatch/contracts';
import { writeAudit } from './audit.js';
import type { Actor, ServiceContext } from './context.js';

/** Sources of stored places. Roads, junctions and posts are derived, never stored. */
export type StoredSource = 'osm' | 'standard' | 'demo';
type StoredKind = Extract<GazetteerKind, 'place' | 'address' | 'standard_address'>;

/** A standard address farther than this from every road is outside the city (a swapped lng/lat). */
export const OUTSIDE_CITY_METERS = 5_000;
/** Stored text columns are VARCHAR(200) (names, addresses) and VARCHAR(100) (categories). */
const MAX_NAME = 200;
const MAX_CATEGORY = 100;
const MAX_KEY_PLACE = 32;
const INSERT_BATCH = 2_000;

interface Fingerprint {
  count: number;
  changed: number;
  network: RoadNetwork | null;
}

export interface GazetteerStats {
  entries: number;
  byKind: Partial<Record<GazetteerKind, number>>;
  buildMs: number;
}

/** The road network the gazetteer reads (RoadNetworkService, or a fixed one in tests). */
export interface NetworkSource {
  readonly network: RoadNetwork | null;
}

export class GazetteerService {
  private index = new GazetteerIndex([]);
  private reverseGeocoder = new ReverseGeocoder(null, []);
  private fingerprint: Fingerprint | null = null;
  private building: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  stats: GazetteerStats = { entries: 0, byKind: {}, buildMs: 0 };

  constructor(
    private readonly ctx: ServiceContext,
    private readonly roads: NetworkSource,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Builds the index now (server start, after an import). */
  async load(): Promise<void> {
    // One build at a time: a poll during an import's reload waits for it instead of racing it.
    while (this.building) await this.building;
    this.building = this.build().finally(() => (this.building = null));
    await this.building;
  }

  /** Polls for changes made elsewhere (another node, the command line) every `ms`. */
  start(ms = 15_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.refreshIfChanged().catch(this.onError);
    }, ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Rebuilds when the stored places or the road network changed since the last build. */
  async refreshIfChanged(): Promise<boolean> {
    const now = await this.readFingerprint();
    const was = this.fingerprint;
    if (was && was.count === now.count && was.changed === now.changed && was.network === now.network)
      return false;
    await this.load();
    return true;
  }

  private async readFingerprint(): Promise<Fingerprint> {
    const agg = await this.ctx.prisma.gazetteerPlace.aggregate({
      _count: { _all: true },
      _max: { updatedAt: true },
    });
    return {
      count: agg._count._all,
      changed: agg._max.updatedAt?.getTime() ?? 0,
      network: this.roads.network,
    };
  }

  private async build(): Promise<void> {
    const started = performance.now();
    const fingerprint = await this.readFingerprint();
    const network = fingerprint.network;
    const [stored, posts] = await Promise.all([
      this.ctx.prisma.gazetteerPlace.findMany({ orderBy: { id: 'asc' } }),
      this.ctx.prisma.post.findMany({ select: { code: true, name: true, kind: true, lng: true, lat: true } }),
    ]);
    const entries: GazetteerEntry[] = [];
    if (network) entries.push(...roadEntries(network), ...intersectionEntries(network));
    for (const p of posts)
      entries.push({
        id: `post:${p.code}`,
        kind: 'place',
        name: p.name,
        aliases: [],
        address: null,
        lng: p.lng,
        lat: p.lat,
        category: `police=${p.kind}`,
        keyPlace: null,
        source: 'posts',
      });
    for (const row of stored)
      entries.push({
        id: `${row.source}:${row.sourceId}`,
        kind: row.kind as GazetteerKind,
        name: row.name,
        aliases: row.aliases,
        address: row.address,
        lng: row.lng,
        lat: row.lat,
        category: row.category,
        keyPlace: row.keyPlace,
        source: row.source,
      });
    this.index = new GazetteerIndex(entries);
    this.reverseGeocoder = new ReverseGeocoder(network, entries);
    this.fingerprint = fingerprint;
    const byKind: Partial<Record<GazetteerKind, number>> = {};
    for (const e of entries) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    this.stats = { entries: entries.length, byKind, buildMs: Math.round(performance.now() - started) };
  }

  search(q: string, near: LngLat | null, limit: number): GeocodeHitDto[] {
    return this.index.search(q, { ...(near ? { near } : {}), limit }).map(hitDto);
  }

  reverse(p: LngLat): ReverseGeocodeDto {
    const r = this.reverseGeocoder.reverse(p);
    return {
      road: r.road
        ? {
            name: r.road.name,
            kind: 'road',
            distanceMeters: round1(r.road.distanceMeters),
            lngLat: [r.road.point[0], r.road.point[1]],
          }
        : null,
      near: placeDto(r.near),
      address: placeDto(r.address),
      text: r.text,
    };
  }

  /**
   * Replaces the places of one source (`osm` on a new import, `demo` when the demo city is
   * seeded) in one transaction with its audit event. Entries whose text does not fit are skipped
   * and counted, never truncated silently.
   */
  async replaceSource(
    source: Exclude<StoredSource, 'standard'>,
    entries: readonly GazetteerEntry[],
    actor: Actor,
    options: { reload?: boolean } = {},
  ): Promise<{ stored: number; skipped: number }> {
    const rows: ReturnType<typeof rowOf>[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const e of entries) {
      if (!fits(e) || seen.has(e.id) || e.kind === 'road' || e.kind === 'intersection') {
        skipped++;
        continue;
      }
      seen.add(e.id);
      rows.push(rowOf(source, e.id, e as GazetteerEntry & { kind: StoredKind }));
    }
    await this.ctx.prisma.$transaction(
      async (tx) => {
        const removed = await tx.gazetteerPlace.deleteMany({ where: { source } });
        for (let i = 0; i < rows.length; i += INSERT_BATCH)
          await tx.gazetteerPlace.createMany({ data: rows.slice(i, i + INSERT_BATCH) });
        await writeAudit(tx, actor, this.ctx.now(), [
          {
            action: 'gazetteer.import',
            entityType: 'gazetteer',
            entityId: source,
            before: { places: removed.count },
            after: { places: rows.length, skipped },
          },
        ]);
      },
      { timeout: 120_000 },
    );
    // The command line has no index to serve from; the running server's poll rebuilds its own.
    if (options.reload !== false) await this.load();
    return { stored: rows.length, skipped };
  }

  /**
   * The centre's standard-address CSV: every bad row reported (row, column, reason); the good
   * ones upserted by code unless `strict` and a row is bad, or a dry run. With `replace` the
   * standard addresses missing from the file are removed. One transaction with its audit event.
   */
  async importStandardAddresses(
    csv: string,
    options: StandardAddressImportQuery & { reload?: boolean },
    actor: Actor,
  ): Promise<StandardAddressImportDto> {
    const parse = parseStandardAddressCsv(csv);
    const rejected: StandardAddressRejection[] = [...parse.rejected];
    const network = this.roads.network;
    const rows = parse.rows.filter((row) => {
      if (!network) return true;
      const snap = snapPoint(network, [row.lng, row.lat], {
        profile: 'any',
        components: 'any',
        maxDistanceMeters: OUTSIDE_CITY_METERS,
      });
      if (snap) return true;
      rejected.push({
        row: row.row,
        column: null,
        reason: 'out_of_range',
        detail: `(${row.lng}, ${row.lat}) is more than ${OUTSIDE_CITY_METERS / 1000} km from every road of the city`,
      });
      return false;
    });
    rejected.sort((a, b) => a.row - b.row);
    const report = {
      parsed: parse.parsed,
      valid: rows.length,
      created: 0,
      updated: 0,
      removed: 0,
      rejected: rejected.map((r) => ({ ...r })),
      written: false,
    };
    if (options.dryRun || (options.strict && rejected.length > 0) || rows.length === 0) return report;
    const codes = rows.map((r) => r.code);
    await this.ctx.prisma.$transaction(
      async (tx) => {
        const existing = new Set(
          (
            await tx.gazetteerPlace.findMany({
              where: { source: 'standard', sourceId: { in: codes } },
              select: { sourceId: true },
            })
          ).map((r) => r.sourceId),
        );
        for (const row of rows) {
          const data = rowOf(
            'standard',
            row.code,
            standardAddressEntry(row) as GazetteerEntry & {
              kind: StoredKind;
            },
          );
          await tx.gazetteerPlace.upsert({
            where: { source_sourceId: { source: 'standard', sourceId: row.code } },
            create: data,
            update: data,
          });
          if (existing.has(row.code)) report.updated++;
          else report.created++;
        }
        if (options.replace) {
          const gone = await tx.gazetteerPlace.deleteMany({
            where: { source: 'standard', sourceId: { notIn: codes } },
          });
          report.removed = gone.count;
        }
        await writeAudit(tx, actor, this.ctx.now(), [
          {
            action: 'gazetteer.standard_addresses',
            entityType: 'gazetteer',
            entityId: 'standard',
            after: {
              created: report.created,
              updated: report.updated,
              removed: report.removed,
              rejected: rejected.length,
            },
          },
        ]);
      },
      { timeout: 120_000 },
    );
    report.written = true;
    if (options.reload !== false) await this.load();
    return report;
  }
}

function fits(e: GazetteerEntry): boolean {
  return (
    e.name.length > 0 &&
    e.name.length <= MAX_NAME &&
    e.id.length <= MAX_NAME &&
    (e.address?.length ?? 0) <= MAX_NAME &&
    (e.category?.length ?? 0) <= MAX_CATEGORY &&
    (e.keyPlace?.length ?? 0) <= MAX_KEY_PLACE &&
    Number.isFinite(e.lng) &&
    Number.isFinite(e.lat)
  );
}

function rowOf(source: StoredSource, sourceId: string, e: GazetteerEntry & { kind: StoredKind }) {
  return {
    source,
    sourceId,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases.filter((a) => a.length <= MAX_NAME),
    address: e.address,
    lng: e.lng,
    lat: e.lat,
    category: e.category,
    keyPlace: e.keyPlace,
  };
}

const round1 = (m: number) => Math.round(m * 10) / 10;

function hitDto(hit: SearchHit): GeocodeHitDto {
  const e = hit.entry;
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    matched: hit.matched,
    match: hit.match,
    address: e.address,
    lngLat: [e.lng, e.lat],
    category: e.category,
    keyPlace: e.keyPlace,
    distanceMeters: hit.distanceMeters === null ? null : Math.round(hit.distanceMeters),
  };
}

function placeDto(p: ReversePlace | null): ReverseGeocodeDto['near'] {
  if (!p) return null;
  return {
    name: p.entry.name,
    kind: p.entry.kind,
    distanceMeters: round1(p.distanceMeters),
    lngLat: [p.entry.lng, p.entry.lat],
  };
}
