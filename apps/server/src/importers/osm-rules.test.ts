import { describe, expect, it } from 'vitest';
import { buildRoadNetwork, DEFAULT_SPEEDS_KMH, routeTo, type RoadFeatureCollection } from '@dispatch/routing';
import { readOsmPbf } from './osm-pbf.js';
import { osmRoads, ROAD_NODE_TAGS } from './osm-roads.js';

// Real extracts (ODbL, © OpenStreetMap contributors): see osm-places.test.ts.
const extract = (name: string) => new URL(`./fixtures/${name}.osm.pbf`, import.meta.url).pathname;
const read = (name: string) =>
  osmRoads(() => readOsmPbf(extract(name), { nodeTags: ROAD_NODE_TAGS, relations: true }));

describe('road rules from real OSM extracts', () => {
  it('Monaco: buildings are not roads, access, barriers, signals and restrictions are kept', async () => {
    const roads = await read('monaco');
    expect(roads.summary).toMatchObject({
      notRoads: 24450,
      closedToCars: 64,
      destinationOnly: 6,
      barriers: 44,
      barriersClosed: 31,
      signals: 21,
      restrictions: 27,
    });
    // Only real rejections are listed: non-routable classes and degenerate ways.
    expect(roads.rejected.every((r) => r.reason !== 'not_a_road')).toBe(true);
    expect(roads.rejected).toHaveLength(11);
    const restriction = roads.rules.find((r) => r.properties['type'] === 'restriction');
    expect(restriction?.properties).toMatchObject({ restriction: expect.stringMatching(/^(no|only)_/) });

    const net = buildRoadNetwork({
      type: 'FeatureCollection',
      features: [...roads.features, ...roads.rules],
    } as RoadFeatureCollection);
    expect(net.report.rules).toMatchObject({
      closedToCars: 64,
      barriers: 44,
      barriersClosed: 31,
      signals: 21,
    });
    expect(net.report.rules).toMatchObject({ restrictions: 27, restrictionsApplied: 27 });

    // Known turn restrictions: the banned turn costs a detour, the same trip without the rule not.
    const unrestricted = buildRoadNetwork({
      type: 'FeatureCollection',
      features: [...roads.features, ...roads.rules.filter((r) => r.properties['type'] !== 'restriction')],
    } as RoadFeatureCollection);
    const eta = (network: typeof net, from: [number, number], to: [number, number]) =>
      routeTo(network, { id: 'car', lngLat: from }, to).etaSeconds;
    // relation/4799601: no left turn from the Tunnel vers Nationale 7 onto the Moyenne Corniche.
    const tunnel: [number, number] = [7.40718715, 43.726852];
    const corniche: [number, number] = [7.4072246, 43.72681505];
    expect(eta(unrestricted, tunnel, corniche)).toBeLessThan(5);
    expect(eta(net, tunnel, corniche)).toBeGreaterThan(10);
    // relation/4411805: no U-turn on the Avenue des Castelans.
    const castelans: [number, number] = [7.4155601, 43.72856685];
    const back: [number, number] = [7.41556235, 43.72858995];
    expect(eta(unrestricted, castelans, back)).toBeLessThan(5);
    expect(eta(net, castelans, back)).toBeGreaterThan(10);
  });

  it('Andorra: a tagged street is never much faster than an untagged one of its class', async () => {
    const roads = await read('andorra');
    expect(roads.summary).toMatchObject({ notRoads: 1110, closedToCars: 25, barriers: 6, signals: 1 });
    const net = buildRoadNetwork({
      type: 'FeatureCollection',
      features: roads.features,
    } as RoadFeatureCollection);
    let tagged = 0;
    for (let s = 0; s < net.segmentCount; s++) {
      const e = net.segEdge[s]!;
      const info = net.features[net.segFeature[s]!]!;
      const base = DEFAULT_SPEEDS_KMH[info.highway];
      if (!base || net.segSeconds[s]! <= 0) continue;
      const kmh = (net.segMeters[s]! / net.segSeconds[s]!) * 3.6;
      expect(kmh).toBeLessThanOrEqual(base * 1.2 + 1e-6);
      if (net.edgeFlags[e]! > 0) tagged++;
    }
    expect(tagged).toBeGreaterThan(1000);
  });
});

describe('reach of the real extracts', () => {
  it('reports the share of junctions outside the main driving component and where', async () => {
    for (const name of ['monaco', 'andorra']) {
      const roads = await read(name);
      const net = buildRoadNetwork({
        type: 'FeatureCollection',
        features: [...roads.features, ...roads.rules],
      } as RoadFeatureCollection);
      const { reach } = net.report;
      expect(reach.outsideLargest).toBe(reach.drivableJunctions - net.report.largestComponentSize);
      expect(reach.outsideShare).toBeGreaterThan(0);
      expect(reach.outsideShare).toBeLessThan(0.5);
      expect(reach.pieces[0]!.junctions).toBeGreaterThanOrEqual(reach.pieces.at(-1)!.junctions);
      const [lng, lat] = reach.pieces[0]!.lngLat;
      expect(lng > 1 && lng < 8 && lat > 41 && lat < 44).toBe(true);
    }
  });
});
