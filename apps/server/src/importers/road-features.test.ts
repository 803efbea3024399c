import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geoJsonFeatures, ImportInputError, parseRoadGeoJson } from './geojson-roads.js';
import { checkRoadFeature } from './road-features.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('GeoJSON road import', () => {
  it('keeps roads and reports every other feature with its index and reason', () => {
    const result = parseRoadGeoJson(fixture('roads.geojson'));
    expect(result.parsed).toBe(8);
    expect(result.features).toHaveLength(3);
    expect(result.rejected.map((r) => [r.index, r.reason])).toEqual([
      [3, 'unsupported_geometry'], // a Point
      [4, 'too_few_positions'], // an empty LineString
      [5, 'bad_coordinates'], // [lat, lng] swapped: latitude 120 is out of range
      [7, 'not_routable'], // highway=proposed
    ]);
    expect(result.summary.notRoads).toBe(1); // a building outline, not a rejection
    expect(result.rejected[0]?.detail).toBe('geometry type Point');
  });

  it('keeps the tags routing reads and drops the rest', () => {
    const [first, second, third] = parseRoadGeoJson(fixture('roads.geojson')).features;
    expect(first?.properties).toEqual({
      highway: 'primary',
      id: 'way/100',
      name: 'Main Street',
      maxspeed: '50',
    });
    expect(second?.properties).toEqual({ highway: 'secondary', oneway: 'yes' });
    expect(third?.geometry.type).toBe('MultiLineString');
  });

  it('rejects a feature with one bad part instead of importing half a road', () => {
    const checked = checkRoadFeature(
      {
        type: 'Feature',
        properties: { highway: 'residential' },
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [120, 30],
              [120.001, 30],
            ],
            [[120, 30], 'x'],
          ],
        },
      },
      0,
    );
    expect(checked).toMatchObject({ ok: false, rejected: { reason: 'bad_coordinates' } });
  });

  it('folds repeated positions and rejects a line that collapses to one point', () => {
    const line = (coordinates: unknown) => ({
      type: 'Feature',
      properties: { highway: 'service' },
      geometry: { type: 'LineString', coordinates },
    });
    expect(
      checkRoadFeature(
        line([
          [120, 30],
          [120, 30],
        ]),
        0,
      ),
    ).toMatchObject({ ok: false, rejected: { reason: 'too_few_positions' } });
    const ok = checkRoadFeature(
      line([
        [120, 30],
        [120, 30],
        [120.001, 30],
      ]),
      0,
    );
    expect(ok.ok && 'feature' in ok && ok.feature.geometry.coordinates).toEqual([
      [120, 30],
      [120.001, 30],
    ]);
  });

  it('reads one feature per line (GeoJSON text sequences) and reports a broken line in place', () => {
    const rs = String.fromCharCode(0x1e);
    const road = JSON.stringify({
      type: 'Feature',
      properties: { highway: 'primary' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [120, 30],
          [120.01, 30],
        ],
      },
    });
    const result = parseRoadGeoJson(`${rs}${road}\n${rs}{broken\n${rs}${road}\n`);
    expect(result.features).toHaveLength(2);
    expect(result.rejected).toMatchObject([{ index: 1, reason: 'not_a_feature' }]);
    expect(geoJsonFeatures(`${road}\n${road}\n`)).toHaveLength(2);
  });

  it('refuses input that is no FeatureCollection', () => {
    expect(() => geoJsonFeatures('{"type":"Topology"}')).toThrow(ImportInputError);
    expect(() => geoJsonFeatures('not json')).toThrow(ImportInputError);
  });

  it('reports progress with the running counts', () => {
    const seen: number[] = [];
    parseRoadGeoJson(fixture('roads.geojson'), (p) => seen.push(p.parsed), 3);
    expect(seen).toEqual([3, 6, 8]);
  });
});
