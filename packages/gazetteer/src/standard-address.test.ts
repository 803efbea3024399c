import { describe, expect, it } from 'vitest';
import { csvRecords, parseStandardAddressCsv, standardAddressEntry } from './standard-address.js';
import { formatAddress, isGazetteerTagged, osmPlaceEntries } from './places.js';

describe('standard-address CSV', () => {
  it('reads good rows and reports each bad one by row, column and reason', () => {
    const csv = [
      '名称,地址,别名,经度,纬度,重点部位',
      '市第一中学,解放路12号,一中；市一中,120.11,30.27,school',
      '"胜利夜市, 北门",胜利路,,120.12,30.28,night_market',
      ',无名,,120.1,30.2,',
      '坏坐标,,,east,30.2,',
      '太远,,,120.1,95,',
      '市第一中学,解放路12号,,120.11,30.27,',
    ].join('\r\n');
    const parsed = parseStandardAddressCsv(`\uFEFF${csv}\n`);
    expect(parsed.parsed).toBe(6);
    expect(parsed.rows.map((r) => [r.row, r.name, r.aliases, r.keyPlace])).toEqual([
      [2, '市第一中学', ['一中', '市一中'], 'school'],
      [3, '胜利夜市, 北门', [], 'night_market'],
    ]);
    expect(parsed.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
      [4, '名称', 'empty'],
      [5, '经度', 'not_a_number'],
      [6, '纬度', 'out_of_range'],
      [7, '名称', 'duplicate_code'],
    ]);
    expect(standardAddressEntry(parsed.rows[0]!)).toMatchObject({
      kind: 'standard_address',
      keyPlace: 'school',
    });
  });

  it('names the missing required columns on row 1', () => {
    const parsed = parseStandardAddressCsv('name,address\nA,B\n');
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
      [1, 'lng', 'missing_column'],
      [1, 'lat', 'missing_column'],
    ]);
  });

  it('parses quoted fields with quotes and line breaks', () => {
    expect(csvRecords('a,"b ""x""\ny",c\n\nd\n')).toEqual([
      { line: 1, fields: ['a', 'b "x"\ny', 'c'] },
      { line: 4, fields: ['d'] },
    ]);
  });
});

describe('OSM places and addresses', () => {
  it('makes a place and an address from one tagged object', () => {
    const tags = {
      name: '第一人民医院',
      amenity: 'hospital',
      'addr:street': '解放路',
      'addr:housenumber': '88',
      'name:en': "First People's Hospital",
    };
    const [place, address] = osmPlaceEntries({ id: 'way/1', lng: 120, lat: 30, tags });
    expect(place).toMatchObject({
      kind: 'place',
      keyPlace: 'hospital',
      address: '解放路88号',
      aliases: ["First People's Hospital"],
    });
    expect(address).toMatchObject({ kind: 'address', name: '解放路88号', id: 'way/1#addr' });
    expect(formatAddress('Avenue de la Costa', '12')).toBe('12 Avenue de la Costa');
    expect(isGazetteerTagged({ building: 'yes' })).toBe(false);
    expect(isGazetteerTagged({ name: 'x', shop: 'bakery' })).toBe(true);
    expect(
      osmPlaceEntries({ id: 'node/2', lng: 0, lat: 0, tags: { name: 'Bus', highway: 'bus_stop' } }),
    ).toEqual([]);
  });
});
