import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from '@dispatch/routing';
import { readOsmPbf } from './osm-pbf.js';
import { osmRoads } from './osm-roads.js';
import { OsmXmlError, readOsmXml } from './osm-xml.js';

const xml = readFileSync(new URL('./fixtures/small-city.osm', import.meta.url), 'utf8');

/** The fixture cut into small chunks, so elements and multi-byte names straddle chunk borders. */
function* chunked(text: string, size = 37): Generator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('OSM XML road import', () => {
  it('turns highway ways into LineStrings with their tags', async () => {
    const result = await osmRoads(() => readOsmXml(chunked(xml)));
    expect(result.parsed).toBe(5); // the deleted way is not counted
    expect(result.features.map((f) => f.properties.id)).toEqual(['way/100', 'way/101', 'way/102']);
    const [main, oneway] = result.features;
    expect(main?.properties).toEqual({ highway: 'primary', id: 'way/100', name: '解放路', maxspeed: '50' });
    expect(main?.geometry.coordinates).toEqual([
      [120.15, 30.27],
      [120.152, 30.27],
      [120.154, 30.27],
    ]);
    expect(oneway?.properties.oneway).toBe('yes');
  });

  it('counts the non-road way apart and reports the way with a missing node', async () => {
    const result = await osmRoads(() => readOsmXml([xml]));
    expect(result.rejected).toEqual([
      { index: 4, id: 300, reason: 'missing_nodes', detail: '1 of 2 nodes missing or invalid (first: 999)' },
    ]);
    expect(result.summary.notRoads).toBe(1);
  });

  it('gives routing a one-way street it honours', async () => {
    const result = await osmRoads(() => readOsmXml([xml]));
    const network = buildRoadNetwork({ type: 'FeatureCollection', features: result.features });
    expect(network.report.nodeCount).toBeGreaterThan(0);
    expect(network.report.issues).toEqual([]);
  });

  it('reports progress per pass', async () => {
    const seen: [number, number, number][] = [];
    await osmRoads(
      () => readOsmXml([xml]),
      (p) => seen.push([p.parsed, p.valid, p.rejected]),
      2,
    );
    expect(seen.at(-1)).toEqual([5, 3, 1]);
    expect(seen[0]).toEqual([2, 2, 0]);
  });

  it('fails on XML that is not well-formed', async () => {
    await expect(osmRoads(() => readOsmXml(['<osm><way id="1"></osm>']))).rejects.toThrow(OsmXmlError);
  });
});

describe('OSM PBF road import', () => {
  // small-city.osm.pbf: small-city.osm less the deleted way, written by `osmium cat`.
  const pbf = fileURLToPath(new URL('./fixtures/small-city.osm.pbf', import.meta.url));

  it('reads the same roads and rejections as the XML', async () => {
    const fromPbf = await osmRoads(() => readOsmPbf(pbf));
    const fromXml = await osmRoads(() => readOsmXml([xml]));
    expect(fromPbf).toEqual(fromXml);
  });
});

describe('OSM road rules in XML', () => {
  const rules = `<?xml version="1.0"?><osm version="0.6">
    <node id="1" lat="30.27" lon="120.15"/>
    <node id="2" lat="30.27" lon="120.152"><tag k="highway" v="traffic_signals"/></node>
    <node id="3" lat="30.27" lon="120.154"><tag k="barrier" v="lift_gate"/></node>
    <node id="4" lat="30.272" lon="120.152"/>
    <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way>
    <way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="service"/><tag k="access" v="private"/></way>
    <way id="12"><nd ref="2"/><nd ref="4"/><tag k="highway" v="residential"/></way>
    <relation id="20"><member type="way" ref="10" role="from"/><member type="node" ref="2" role="via"/>
      <member type="way" ref="12" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/></relation>
    <relation id="21"><member type="way" ref="10" role="from"/><member type="way" ref="11" role="via"/>
      <member type="way" ref="12" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/></relation>
  </osm>`;

  it('keeps barriers, signals, access and via-node restrictions, and says what it dropped', async () => {
    const result = await osmRoads(() => readOsmXml([rules]));
    expect(result.summary).toMatchObject({
      closedToCars: 1,
      barriers: 1,
      barriersClosed: 1,
      signals: 1,
      restrictions: 1,
      restrictionsViaWay: 1,
    });
    expect(result.features.find((f) => f.properties.id === 'way/11')?.properties.access).toBe('private');
    expect(result.rules.map((r) => r.properties)).toEqual([
      { id: 'node/2', highway: 'traffic_signals' },
      { id: 'node/3', barrier: 'lift_gate' },
      { id: 'relation/20', type: 'restriction', restriction: 'no_left_turn', from: 'way/10', to: 'way/12' },
    ]);
    const net = buildRoadNetwork({
      type: 'FeatureCollection',
      features: [...result.features, ...result.rules],
    });
    expect(net.report.rules).toMatchObject({
      restrictions: 1,
      restrictionsApplied: 1,
      signals: 1,
      barriersClosed: 1,
    });
  });
});
