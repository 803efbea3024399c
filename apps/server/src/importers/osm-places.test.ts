import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from '@dispatch/routing';
import { GazetteerIndex, intersectionEntries, ReverseGeocoder, roadEntries } from '@dispatch/gazetteer';
import { readOsmPbf } from './osm-pbf.js';
import { osmPlaces } from './osm-places.js';
import { osmRoads } from './osm-roads.js';

// Real extracts (ODbL, © OpenStreetMap contributors), byte-exact copies of routing projects' test
// fixtures: Monaco from Project-OSRM/osrm-backend, Andorra from graphhopper/graphhopper.
const extract = (name: string) => new URL(`./fixtures/${name}.osm.pbf`, import.meta.url).pathname;

describe('places and addresses from real OSM extracts', () => {
  it('Monaco: stations, schools, hospitals and house addresses are searchable', async () => {
    const places = await osmPlaces(() => readOsmPbf(extract('monaco'), { nodeTags: true }));
    const roads = await osmRoads(() => readOsmPbf(extract('monaco')));
    const network = buildRoadNetwork({ type: 'FeatureCollection', features: roads.features });
    const entries = [...places, ...roadEntries(network), ...intersectionEntries(network)];
    expect(places.filter((e) => e.kind === 'place').length).toBeGreaterThan(400);
    expect(places.filter((e) => e.kind === 'address').length).toBeGreaterThan(50);
    const index = new GazetteerIndex(entries);
    expect(index.search('École Saint-Charles')[0]).toMatchObject({
      match: 'exact',
      entry: { id: 'node/280489204', keyPlace: 'school' },
    });
    expect(
      index.search("Cap d'Ail", { kinds: ['place'] }).find((h) => h.entry.keyPlace)?.entry,
    ).toMatchObject({ keyPlace: 'station' });
    expect(index.search('Médecine du Sport')[0]?.entry).toMatchObject({ keyPlace: 'hospital' });
    expect(index.search('6 Quai Antoine')[0]?.entry).toMatchObject({
      kind: 'address',
      name: '6 Quai Antoine 1er',
    });
    // A typo and a part of a name.
    expect(index.search('Ecole Saint-Charels').map((h) => h.entry.id)).toContain('node/280489204');
    expect(entries.some((e) => e.kind === 'intersection')).toBe(true);
    const school = entries.find((e) => e.id === 'node/280489204')!;
    const at = new ReverseGeocoder(network, entries).reverse([school.lng, school.lat]);
    expect(at.near?.entry.name).toBe('École Saint-Charles');
    expect(at.road).not.toBeNull();
  });

  it('Andorra: places and addresses from nodes and ways', async () => {
    const places = await osmPlaces(() => readOsmPbf(extract('andorra'), { nodeTags: true }));
    const index = new GazetteerIndex(places);
    expect(index.search('93 Avinguda Carlemany')[0]?.entry.kind).toBe('address');
    expect(places.some((e) => e.id.startsWith('way/'))).toBe(true);
  });
});
