import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from '@dispatch/routing';
import { intersectionEntries, roadEntries } from './roads.js';
import { GazetteerIndex } from './search-index.js';
import { osmPlaceEntries } from './places.js';
import { ReverseGeocoder } from './reverse.js';

const line = (name: string | null, coords: [number, number][], highway = 'primary') => ({
  type: 'Feature' as const,
  properties: name ? { name, highway } : { highway },
  geometry: { type: 'LineString' as const, coordinates: coords },
});
// 解放路 (primary) crossed by 人民路 (secondary, dual carriageway 40 m apart); 中山路 changes its
// name to 中山北路 at a point where nothing else meets; an unnamed lane meets 解放路.
const network = buildRoadNetwork({
  type: 'FeatureCollection',
  features: [
    line('解放路', [
      [120.1, 30.27],
      [120.11, 30.27],
      [120.1104, 30.27],
      [120.12, 30.27],
    ]),
    line(
      '人民路',
      [
        [120.11, 30.26],
        [120.11, 30.27],
        [120.11, 30.28],
      ],
      'secondary',
    ),
    line(
      '人民路',
      [
        [120.1104, 30.28],
        [120.1104, 30.27],
        [120.1104, 30.26],
      ],
      'secondary',
    ),
    line(
      '中山路',
      [
        [120.13, 30.26],
        [120.13, 30.27],
      ],
      'tertiary',
    ),
    line(
      '中山北路',
      [
        [120.13, 30.27],
        [120.13, 30.28],
      ],
      'tertiary',
    ),
    line(
      null,
      [
        [120.115, 30.27],
        [120.115, 30.265],
      ],
      'service',
    ),
    line(
      '人民路',
      [
        [121.0, 31.0],
        [121.01, 31.0],
      ],
      'residential',
    ),
  ],
});

describe('road and intersection entries', () => {
  it('makes one entry per stretch of a name, on the road', () => {
    const roads = roadEntries(network);
    expect(roads.filter((r) => r.name === '人民路')).toHaveLength(2); // the far one is another road
    expect(roads.map((r) => r.name).sort()).toEqual(['中山北路', '中山路', '人民路', '人民路', '解放路']);
    const jiefang = roads.find((r) => r.name === '解放路')!;
    expect(jiefang.lat).toBeCloseTo(30.27, 6);
    expect(jiefang.category).toBe('highway=primary');
  });

  it('makes one junction of two named roads, main road first, dual carriageways merged', () => {
    const junctions = intersectionEntries(network);
    expect(junctions.map((j) => j.name)).toEqual(['解放路与人民路交叉口']);
    expect(junctions[0]!.aliases).toEqual(
      expect.arrayContaining(['解放路人民路口', '解放路 / 人民路', '人民路与解放路交叉口', '人民路解放路口']),
    );
    expect(junctions[0]!.lng).toBeCloseTo(120.1102, 4);
    const index = new GazetteerIndex(junctions);
    expect(index.search('人民路解放路')[0]?.entry.name).toBe('解放路与人民路交叉口');
  });

  it('reverse geocodes to the road and the nearest place within 200 m', () => {
    const places = osmPlaceEntries({
      id: 'node/1',
      lng: 120.1152,
      lat: 30.2704,
      tags: { name: '胜利夜市', amenity: 'marketplace' },
    });
    expect(places[0]).toMatchObject({
      kind: 'place',
      keyPlace: 'night_market',
      category: 'amenity=marketplace',
    });
    const geocoder = new ReverseGeocoder(network, [
      ...roadEntries(network),
      ...intersectionEntries(network),
      ...places,
    ]);
    const at = geocoder.reverse([120.1155, 30.2702]);
    expect(at.road?.name).toBe('解放路');
    expect(at.road?.distanceMeters).toBeCloseTo(22, 0);
    expect(at.text).toEqual({ zh: '解放路, 近胜利夜市 (40 米)', en: '解放路, near 胜利夜市 (40 m)' });
    // Too far from any place: the junction, then nothing but the road.
    expect(geocoder.reverse([120.1106, 30.2701]).near?.entry.kind).toBe('intersection');
    expect(geocoder.reverse([120.118, 30.2702]).text).toEqual({ zh: '解放路', en: '解放路' });
    expect(geocoder.reverse([0, 0]).text).toBeNull();
  });
});
