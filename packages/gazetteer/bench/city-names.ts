/**
 * A generated but realistic Chinese city gazetteer for the benchmark: road names from common
 * stems and suffixes, junctions of them, places of the usual kinds (小区, 大厦, 中学, 人民医院,
 * 超市, 银行支行, 夜市 ...) and house addresses on the roads, clustered around district centres.
 * Seeded, so every run measures the same entries.
 */
import type { GazetteerEntry, GazetteerKind } from '../src/index.js';
import { intersectionNames } from '../src/index.js';

/** Mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROAD_STEMS =
  '解放 人民 中山 建设 和平 新华 胜利 文化 光明 幸福 朝阳 东风 长江 黄河 延安 北京 上海 南京 天山 昆仑 青年 工农 团结 友谊 红旗 复兴 振兴 繁荣 民主 自由 育才 学府 科技 创业 迎宾 滨江 滨河 环城 站前 车站 体育 公园 西湖 东湖 南湖 凤凰 龙华 金桥 银河 星光 翠竹 松柏 梅园 兰亭 桂花 荷花 牡丹 海棠 紫荆 玉兰 丁香 杏林 桃源 柳湾 枫林 梧桐 白云 青山 绿水 清泉 石门 铁路 机场 港口 新村 老街 花园 书院 府前 府后 太平 永安 长安 安康 福寿 吉祥 如意 富民 兴业 嘉禾 华光 金星 银杏 香樟 锦绣 云龙 苏州 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 台州'.split(
    ' ',
  );
const ROAD_SUFFIXES = [
  '路',
  '街',
  '大道',
  '东路',
  '西路',
  '南路',
  '北路',
  '中路',
  '巷',
  '一路',
  '二路',
  '三路',
  '大街',
];
const NAME_CHARS =
  '金银华新世纪天地海城国际时代名都锦绣江南山水云龙凤凰翠湖碧桂园绿城万科保利恒大星河丽景东方明珠阳光水岸香榭蓝湾半岛御府紫薇春晓秋实冬青夏荷和家福瑞祥泰安康宁宝盛鑫源博文雅苑馨怡嘉欣悦美乐贤德仁义礼智信'.split(
    '',
  );
const PLACE_TYPES: [string, GazetteerKind, string | null, string | null][] = [
  ['小区', 'place', 'landuse=residential', null],
  ['花园', 'place', 'landuse=residential', null],
  ['公寓', 'place', 'building=apartments', null],
  ['大厦', 'place', 'building=commercial', null],
  ['广场', 'place', 'place=square', null],
  ['中学', 'place', 'amenity=school', 'school'],
  ['小学', 'place', 'amenity=school', 'school'],
  ['幼儿园', 'place', 'amenity=kindergarten', 'school'],
  ['医院', 'place', 'amenity=hospital', 'hospital'],
  ['诊所', 'place', 'amenity=clinic', null],
  ['超市', 'place', 'shop=supermarket', null],
  ['菜市场', 'place', 'amenity=marketplace', 'market'],
  ['夜市', 'place', 'amenity=marketplace', 'night_market'],
  ['饭店', 'place', 'amenity=restaurant', null],
  ['酒店', 'place', 'tourism=hotel', null],
  ['宾馆', 'place', 'tourism=hotel', null],
  ['网吧', 'place', 'amenity=internet_cafe', null],
  ['KTV', 'place', 'amenity=nightclub', null],
  ['加油站', 'place', 'amenity=fuel', null],
  ['派出所', 'place', 'amenity=police', null],
  ['公交站', 'place', 'highway=bus_stop', null],
  ['地铁站', 'place', 'railway=station', 'station'],
  ['银行', 'place', 'amenity=bank', null],
  ['药店', 'place', 'shop=chemist', null],
  ['停车场', 'place', 'amenity=parking', null],
];
const BANKS = ['工商银行', '建设银行', '农业银行', '中国银行', '交通银行', '招商银行'];
const DIGITS = [...'一二三四五六七八九十'];

export interface GeneratedCity {
  readonly entries: GazetteerEntry[];
  /** Road names (for queries). */
  readonly roads: string[];
}

/** About `total` entries: 2% roads, 6% junctions, 42% places, 50% addresses. */
export function generateCity(total: number, seed = 110): GeneratedCity {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const word = (n: number) => Array.from({ length: n }, () => pick(NAME_CHARS)).join('');
  // A 40 x 40 km city around Hangzhou, districts as Gaussian clusters.
  const centres = Array.from({ length: 12 }, () => [119.95 + r() * 0.4, 30.1 + r() * 0.36] as const);
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
  const position = (): [number, number] => {
    const c = pick(centres);
    return [c[0] + gauss() * 0.03, c[1] + gauss() * 0.025];
  };
  const entries: GazetteerEntry[] = [];
  const roadsWanted = Math.max(10, Math.round(total * 0.02));
  const roadNames = new Set<string>();
  while (roadNames.size < roadsWanted) {
    const stem = r() < 0.6 ? pick(ROAD_STEMS) : word(2);
    roadNames.add(stem + pick(ROAD_SUFFIXES));
  }
  const roads = [...roadNames];
  const roadPos = new Map<string, [number, number]>();
  for (const name of roads) {
    const p = position();
    roadPos.set(name, p);
    entries.push(entry(`road:${name}`, 'road', name, [], null, p, 'highway=primary', null));
  }
  const junctions = Math.round(total * 0.06);
  for (let i = 0; i < junctions; i++) {
    const a = pick(roads);
    const b = pick(roads);
    if (a === b) continue;
    const { name, aliases } = intersectionNames(a, b);
    entries.push(
      entry(`junction:${i}`, 'intersection', name, aliases, null, jitter(roadPos.get(a)!), null, null),
    );
  }
  const places = Math.round(total * 0.42);
  for (let i = 0; i < places; i++) {
    const [type, kind, category, keyPlace] = pick(PLACE_TYPES);
    let name: string;
    if (type === '医院')
      name =
        r() < 0.5 ? `市第${pick(DIGITS)}人民医院` : `${word(2)}${pick(['中医', '妇幼', '口腔', '人民'])}医院`;
    else if (type === '银行') name = `${pick(BANKS)}${word(2)}支行`;
    else if (type === '中学' || type === '小学')
      name = `${pick(ROAD_STEMS)}${r() < 0.3 ? `第${pick(DIGITS)}` : ''}${type}`;
    else if (type === '公交站' || type === '地铁站') name = `${pick(roads)}${type}`;
    else name = `${word(2 + Math.floor(r() * 2))}${type}`;
    const road = pick(roads);
    const address = `${road}${1 + Math.floor(r() * 400)}号`;
    const aliases = r() < 0.15 ? [name.slice(0, Math.max(2, name.length - 2))] : [];
    entries.push(
      entry(`place:${i}`, kind, name, aliases, address, jitter(roadPos.get(road)!), category, keyPlace),
    );
  }
  while (entries.length < total) {
    const road = pick(roads);
    const n = 1 + Math.floor(r() * 600);
    const name =
      r() < 0.6
        ? `${road}${n}号`
        : `${road}${n}号${word(2)}小区${1 + Math.floor(r() * 30)}幢${1 + Math.floor(r() * 6)}单元`;
    entries.push(
      entry(`addr:${entries.length}`, 'address', name, [], null, jitter(roadPos.get(road)!), null, null),
    );
  }
  return { entries, roads };

  function jitter(p: readonly [number, number]): [number, number] {
    return [p[0] + gauss() * 0.01, p[1] + gauss() * 0.008];
  }
}

function entry(
  id: string,
  kind: GazetteerKind,
  name: string,
  aliases: string[],
  address: string | null,
  p: [number, number],
  category: string | null,
  keyPlace: string | null,
): GazetteerEntry {
  return { id, kind, name, aliases, address, lng: p[0], lat: p[1], category, keyPlace, source: 'bench' };
}
