import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GazetteerEntry } from './entry.js';
import { substringDistance } from './fuzzy.js';
import { GazetteerIndex } from './search-index.js';

const entry = (
  id: string,
  name: string,
  lng: number,
  lat: number,
  extra: Partial<GazetteerEntry> = {},
): GazetteerEntry => ({
  id,
  kind: 'place',
  name,
  aliases: [],
  address: null,
  lng,
  lat,
  category: null,
  keyPlace: null,
  source: 'test',
  ...extra,
});

const entries = [
  entry('h1', '第一人民醫院', 120.11, 30.27, { keyPlace: 'hospital', address: '解放路88号' }),
  entry('h2', '第一人民医院', 120.5, 30.6),
  entry('r1', '解放路', 120.1, 30.27, { kind: 'road' }),
  entry('r2', '人民路', 120.11, 30.26, { kind: 'road' }),
  entry('j1', '解放路与人民路交叉口', 120.11, 30.27, {
    kind: 'intersection',
    aliases: [
      '解放路人民路口',
      '解放路 / 人民路',
      '人民路与解放路交叉口',
      '人民路解放路口',
      '人民路 / 解放路',
    ],
  }),
  entry('m1', '胜利夜市', 120.12, 30.28, { keyPlace: 'night_market' }),
  entry('c1', 'Avenue de la Costa', 7.42, 43.74),
];
const index = new GazetteerIndex(entries);
const ids = (q: string, near?: [number, number]) =>
  index.search(q, near ? { near } : {}).map((h) => h.entry.id);

describe('GazetteerIndex', () => {
  it('finds a name from its first character on, without word spaces', () => {
    expect(ids('解')).toContain('r1');
    expect(ids('解放')[0]).toBe('r1');
    expect(index.search('解放路')[0]).toMatchObject({ match: 'exact' });
  });

  it('finds any part of a name and folds traditional characters to simplified', () => {
    expect(ids('人民医院')).toEqual(expect.arrayContaining(['h1', 'h2']));
    expect(ids('人民醫院')).toEqual(expect.arrayContaining(['h1', 'h2']));
    expect(ids('夜市')).toEqual(['m1']);
  });

  it('finds an intersection in any of its forms and either order', () => {
    for (const q of [
      '解放路与人民路',
      '人民路解放路口',
      '解放路/人民路',
      '人民路 / 解放路',
      '人民路与解放路交叉口',
    ])
      expect(ids(q)[0], q).toBe('j1');
  });

  it('finds full pinyin, initials and homophones of a mistyped character', () => {
    expect(ids('jiefang')).toContain('r1');
    expect(ids('jfl')).toContain('r1');
    expect(index.search('介放路')[0]).toMatchObject({ match: 'pinyin', entry: { id: 'r1' } });
    expect(ids('dyrmyy')).toEqual(expect.arrayContaining(['h1', 'h2']));
  });

  it('tolerates a typo: a wrong, a missing or two swapped characters', () => {
    expect(ids('胜力夜市')).toContain('m1');
    expect(ids('第人民医院')).toEqual(expect.arrayContaining(['h1', 'h2']));
    expect(ids('第一民人医院')).toEqual(expect.arrayContaining(['h1', 'h2']));
    expect(ids('avenue de la cotsa')).toContain('c1');
  });

  it('ranks equal matches by distance to the given point', () => {
    expect(ids('第一人民医院', [120.5, 30.6])).toEqual(['h2', 'h1']);
    expect(ids('第一人民医院', [120.11, 30.27])).toEqual(['h1', 'h2']);
    const hit = index.search('第一人民医院', { near: [120.11, 30.27] })[0]!;
    expect(hit.distanceMeters).toBeCloseTo(0, 5);
  });

  it('finds a place by its address and filters by kind', () => {
    expect(index.search('解放路88号')[0]).toMatchObject({ entry: { id: 'h1' }, matched: '解放路88号' });
    expect(index.search('解放', { kinds: ['intersection'] }).map((h) => h.entry.id)).toEqual(['j1']);
    expect(index.search('')).toEqual([]);
    expect(index.search(' / ')).toEqual([]);
  });

  it('every name is found by itself and by each part of two characters or more (property)', () => {
    const chars = [...'解放人民路中山医院学校夜市花园小区东西南北号'];
    const name = fc.array(fc.constantFrom(...chars), { minLength: 2, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (names, a, b) => {
        const list = names.map((n, i) => entry(`e${i}`, n, 120 + i * 0.001, 30));
        const idx = new GazetteerIndex(list);
        const target = a % list.length;
        const n = list[target]!.name;
        // One character finds only names that start with it (a list too long to rank otherwise).
        const start = b % (n.length - 1);
        const part = n.slice(start, start + 2 + ((a + b) % (n.length - start - 1)));
        const hits = idx.search(part, { limit: 100 });
        // Every entry whose name holds the part is found, and nothing ranks above an exact name.
        const holding = list.filter((e) => e.name.includes(part)).map((e) => e.id);
        expect(hits.map((h) => h.entry.id)).toEqual(expect.arrayContaining(holding));
        const exact = idx.search(n, { limit: 100 });
        expect(exact[0]!.entry.name).toBe(n);
        expect(exact[0]!.match).toBe('exact');
      }),
      { numRuns: 100 },
    );
  });
});

describe('substringDistance', () => {
  it('is 0 for a substring and counts edits otherwise', () => {
    expect(substringDistance('人民', '第一人民医院', 2)).toBe(0);
    expect(substringDistance('人氏', '第一人民医院', 2)).toBe(1);
    expect(substringDistance('民人', '第一人民医院', 2)).toBe(1);
    expect(substringDistance('abcdef', 'xyz', 2)).toBe(3);
  });

  it('never exceeds the plain edit distance to the whole text (property)', () => {
    const lev = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
      for (let j = 1; j <= b.length; j++) d[0]![j] = j;
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          d[i]![j] = Math.min(
            d[i - 1]![j]! + 1,
            d[i]![j - 1]! + 1,
            d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
      return d[a.length]![b.length]!;
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 10 }), (q, t) => {
        expect(substringDistance(q, t, 20)).toBeLessThanOrEqual(lev(q, t));
        expect(substringDistance(q, q + t, 20)).toBe(0);
      }),
    );
  });
});
